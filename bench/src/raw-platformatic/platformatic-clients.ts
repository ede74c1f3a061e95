import type { ConnectLoopClients } from "../raw-loop/loop-clients.js";
import { consumeAll } from "./consume-all.js";
import { createWorkerLikeConsumer, createWorkerLikeProducer, sendLikeWorker } from "./worker-settings.js";

/**
 * Row B2's clients: @platformatic/kafka with the worker's settings. The producer gets its producer id and
 * the topic's metadata before the clock starts, as kafkajs's `producer.connect()` does for row B.
 */
export const connectPlatformaticClients: ConnectLoopClients = async (bootstrap, topic) => {
  const producer = createWorkerLikeProducer(bootstrap);
  const consumer = createWorkerLikeConsumer(bootstrap, `bench-${topic}`);
  await producer.initIdempotentProducer({});
  await producer.metadata({ topics: [topic] });
  return {
    startConsuming: (count, onValue) => consumeAll(consumer, topic, count, onValue),
    send: (values) => sendLikeWorker(producer, topic, values),
    close: async () => {
      // Forced: the consumer's stream may still be open when a run fails half-way.
      await Promise.all([producer.close(), consumer.close(true)]);
    },
  };
};
