import { Kafka, logLevel } from "kafkajs";
import type { ConnectLoopClients } from "../raw-loop/loop-clients.js";
import { consumeAll } from "./consume-all.js";
import { createWorkerLikeConsumer, createWorkerLikeProducer, sendLikeWorker } from "./worker-settings.js";

/** Row B's clients: the patched kafkajs the worker runs on, with the worker's settings. */
export const connectKafkajsClients: ConnectLoopClients = async (bootstrap, topic) => {
  const kafka = new Kafka({ clientId: "bench-raw-kafkajs", brokers: [bootstrap], logLevel: logLevel.WARN });
  const producer = createWorkerLikeProducer(kafka);
  const consumer = createWorkerLikeConsumer(kafka, `bench-${topic}`);
  await producer.connect();
  return {
    startConsuming: (count, onValue) => consumeAll(consumer, topic, count, onValue),
    send: (values) =>
      sendLikeWorker(
        producer,
        topic,
        values.map((value) => ({ value })),
      ),
    close: async () => {
      await Promise.all([producer.disconnect(), consumer.disconnect()]);
    },
  };
};
