import { type IHeaders, Kafka, logLevel } from "kafkajs";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { rest } from "./rest-client.js";

/**
 * What a test file that feeds connectors through Kafka sets up: a kafkajs client on the test stack's
 * broker, a producer connected for the whole file, and `created`, the connectors a test made, deleted
 * after each test. Call it at the top of the file: it registers the file's hooks.
 */
export function producerSuite(clientId: string) {
  const restUrl = inject("restUrl");
  const kafka = new Kafka({ clientId, brokers: [inject("kafkaBootstrap")], logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  const created: string[] = [];
  beforeAll(async () => {
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
  });
  afterEach(async () => {
    for (const name of created.splice(0)) await rest(restUrl, "DELETE", `/connectors/${name}`);
  });
  return { kafka, producer, created };
}

/** A consumed header's value as text, or undefined when the record does not have it. */
export const headerText = (headers: IHeaders | undefined, key: string) => headers?.[key]?.toString();
