import kafkajs from "kafkajs";

/**
 * Whether `error` came from the Kafka client. Its `retriable` flag says only whether the client itself
 * would try again: kafkajs marks an error non-retriable once its own retries are spent too (a group
 * coordinator still loading, a broker away for a while), so a Kafka error is seldom final for a caller
 * that keeps trying with its own backoff.
 */
export function isKafkaError(error: unknown): boolean {
  // kafkajs spreads its error classes into its exports, so they are not importable by name from ESM.
  return error instanceof kafkajs.KafkaJSError;
}

/** Whether `error` came from the Kafka client, which marks it retriable (a leader or coordinator moving). */
export function isRetriableKafkaError(error: unknown): boolean {
  return error instanceof kafkajs.KafkaJSError && error.retriable;
}
