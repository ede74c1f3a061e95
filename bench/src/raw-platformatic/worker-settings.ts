import {
  Consumer,
  ProduceAcks,
  Producer,
  type ProducerOptions,
  stringSerializers,
} from "@platformatic/kafka";
import { MAX_BYTES_PER_SEND, splitUnderBytes } from "../raw-loop/worker-batching.js";

/** A producer of string values, as row B2 sends the JsonConverter envelopes. */
export type StringProducer = Producer<string, string, string, string>;

/**
 * The worker's source producer (libs/kafka/src/client-profiles.ts) in @platformatic/kafka's terms:
 * idempotent, acks=all, one request in flight on the connection, no compression. The client forces the
 * last three once `idempotent` is set; they are spelled out so the settings read as row B's do.
 */
export function createWorkerLikeProducer(bootstrap: string): StringProducer {
  const options: ProducerOptions<string, string, string, string> = {
    clientId: "bench-raw-platformatic",
    bootstrapBrokers: [bootstrap],
    idempotent: true,
    acks: ProduceAcks.ALL,
    maxInflights: 1,
    compression: "none",
    serializers: stringSerializers,
  };
  return new Producer(options);
}

/**
 * Sends one source batch as the worker's source task does, and waits for the broker's acks, splitting a
 * batch whose records would not fit the broker's limit into several sends, one after the other: the client
 * puts one send's records for a partition in one record batch, as kafkajs does.
 */
export async function sendLikeWorker(
  producer: StringProducer,
  topic: string,
  values: readonly string[],
): Promise<void> {
  for (const run of splitUnderBytes(values, (value) => Buffer.byteLength(value), MAX_BYTES_PER_SEND))
    await producer.send({ messages: run.map((value) => ({ topic, value })) });
}

/** The most bytes one fetch takes from a partition: kafkajs's default, which the worker's consumer keeps. */
const MAX_BYTES_PER_PARTITION = 1024 * 1024;

/**
 * The worker's sink consumer (libs/kafka/src/client-profiles.ts) in @platformatic/kafka's terms: a 10 s
 * session, kafkajs's 3 s heartbeat and 1 MiB per partition per fetch, no auto-commit. Values stay
 * Buffers, as kafkajs hands them over.
 */
export function createWorkerLikeConsumer(bootstrap: string, groupId: string): Consumer {
  return new Consumer({
    clientId: "bench-raw-platformatic",
    bootstrapBrokers: [bootstrap],
    groupId,
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
    autocommit: false,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
  });
}
