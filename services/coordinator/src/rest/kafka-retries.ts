import { setTimeout as delay } from "node:timers/promises";
import { isRetriableKafkaError } from "@connect-mesh/kafka";

/** How long one REST call keeps retrying Kafka's transient errors before it answers 500. */
const RETRY_TIMEOUT_MS = 10_000;
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;

/**
 * Runs a Kafka admin call again after an error the client marks retriable, such as a group coordinator that
 * is still loading on a fresh cluster: the admin does not retry those on every call (see Admin). Backoff
 * doubles from 100 ms up to 2 s with jitter; after 10 s, or on any other error, it throws.
 */
export async function withKafkaRetries<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + RETRY_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      if (!isRetriableKafkaError(error) || Date.now() + delayMs > deadline) throw error;
      await delay(delayMs);
    }
  }
}
