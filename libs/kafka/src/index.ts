/**
 * The one Kafka adapter: nothing else imports the Kafka client. A `KafkaClient` hands out producers,
 * consumers and admins in this project's profiles; what it hands out are the client's own objects, seen
 * through the narrow interfaces below, and the message and header types are the client's shapes, so the
 * data plane pays nothing per record for the seam. It also names the sink group, converts headers, creates
 * topics, cuts batches into produce requests and tells Kafka's errors apart.
 */

export type { Admin, ClusterDescription, TopicToCreate } from "./admin.js";
export type { ClientOptions, ProbeOptions, ProducerProfile } from "./client-profiles.js";
export { probeCluster } from "./cluster-probe.js";
export type {
  Consumer,
  ConsumerCrash,
  ConsumerRunConfig,
  EachBatchPayload,
  EachMessagePayload,
  FetchedBatch,
  PartitionPosition,
} from "./consumer.js";
export { KafkaClient } from "./kafka-client.js";
export { isKafkaError, isRetriableKafkaError } from "./kafka-errors.js";
export type { IncomingMessage, OutgoingMessage, TopicMessages } from "./kafka-message.js";
export {
  type ConsumedHeaderValue,
  headerBytesOf,
  headerValuesOf,
  lastHeaderText,
  type MessageHeaders,
  messageHeadersOf,
} from "./message-headers.js";
export { splitIntoRequests } from "./produce-requests.js";
export type { Producer } from "./producer.js";
export { sinkGroupIdOf } from "./sink-group.js";
export { createTopic, type TopicCreation } from "./topic-creation.js";
