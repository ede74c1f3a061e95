import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { type IHeaders, Kafka, type KafkaMessage, logLevel } from "kafkajs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { readLines } from "./files.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const kafka = new Kafka({
  clientId: "transforms-dlq-test",
  brokers: [inject("kafkaBootstrap")],
  logLevel: logLevel.NOTHING,
});
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

/** Every message of `topic` once there are `count`, read from the start with a throwaway group. */
async function readTopic(topic: string, count: number): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await waitFor(
      () => messages.length,
      (n) => n >= count,
      { timeoutMs: 60_000, description: `${count} messages in ${topic}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

const text = (headers: IHeaders | undefined, key: string) => headers?.[key]?.toString();

/** A file sink over a fresh topic, with JSON values without schemas and the given extra keys. */
async function createSink(extra: (dlq: string) => Record<string, string>) {
  const id = randomUUID().slice(0, 8);
  const names = { sink: `dlq-sink-${id}`, topic: `dlq-in-${id}`, dlq: `dlq-${id}` };
  const output = join(baseDir, `dlq-out-${id}.txt`);
  const response = await rest(restUrl, "POST", "/connectors", {
    name: names.sink,
    config: {
      "connector.class": "FileStreamSink",
      file: output,
      topics: names.topic,
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
      ...extra(names.dlq),
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(names.sink);
  return { names, output };
}

const POISONED = ['{"name":"Ada","ssn":"1"}', "{not json", "null", '{"name":"Bob","ssn":"2"}'];

describe("transforms and the dead-letter queue on the real stack", () => {
  it("parks a malformed record and one a transform refuses, with Connect's headers, and lets the rest flow on", async () => {
    const { names, output } = await createSink((dlq) => ({
      transforms: "mask",
      "transforms.mask.type": "MaskField$Value",
      "transforms.mask.fields": "ssn",
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": dlq,
      "errors.deadletterqueue.topic.replication.factor": "3",
      "errors.deadletterqueue.context.headers.enable": "true",
    }));
    await producer.send({ topic: names.topic, messages: POISONED.map((value) => ({ value })) });

    const lines = await waitFor(
      () => readLines(output),
      (l) => l.length >= 2,
      { timeoutMs: 60_000, description: "the two good records in the output file" },
    );
    expect(lines).toEqual(["{name=Ada, ssn=}", "{name=Bob, ssn=}"]);
    const parked = await readTopic(names.dlq, 2);
    expect(parked.map((m) => m.value?.toString())).toEqual(["{not json", "null"]);
    const [malformed, refused] = parked.map((m) => m.headers);
    expect(text(malformed, "__connect.errors.topic")).toBe(names.topic);
    expect(text(malformed, "__connect.errors.partition")).toBe("0");
    expect(text(malformed, "__connect.errors.offset")).toBe("1");
    expect(text(malformed, "__connect.errors.connector.name")).toBe(names.sink);
    expect(text(malformed, "__connect.errors.task.id")).toBe("0");
    expect(text(malformed, "__connect.errors.stage")).toBe("VALUE_CONVERTER");
    expect(text(malformed, "__connect.errors.class.name")).toBe(
      "org.apache.kafka.connect.json.JsonConverter",
    );
    expect(text(malformed, "__connect.errors.exception.message")).toBeTruthy();
    expect(text(refused, "__connect.errors.offset")).toBe("2");
    expect(text(refused, "__connect.errors.stage")).toBe("TRANSFORMATION");
    expect(text(refused, "__connect.errors.class.name")).toBe(
      "org.apache.kafka.connect.transforms.MaskField$Value",
    );
  });

  it("fails the task with errors.tolerance=none, its trace naming the record and the stage", async () => {
    const { names } = await createSink(() => ({}));
    await producer.send({ topic: names.topic, messages: POISONED.map((value) => ({ value })) });
    const status = await waitFor(
      async () =>
        (await rest(restUrl, "GET", `/connectors/${names.sink}/status`)).body as {
          tasks: { state: string; trace?: string }[];
        },
      (s) => s.tasks[0]?.state === "FAILED",
      { timeoutMs: 60_000, description: "the sink task to fail" },
    );
    expect(status.tasks[0]?.trace).toMatch(
      new RegExp(`topic "${names.topic}" partition 0 offset 1 failed in stage VALUE_CONVERTER`),
    );
  });

  it("refuses a transform with a missing key with 400 naming the alias and key, and stores nothing", async () => {
    const name = `bad-transform-${randomUUID().slice(0, 8)}`;
    const response = await rest(restUrl, "POST", "/connectors", {
      name,
      config: {
        "connector.class": "FileStreamSink",
        file: "x.txt",
        topics: "t",
        transforms: "mask",
        "transforms.mask.type": "MaskField$Value",
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/transforms\.mask\.fields/);
    expect((await rest(restUrl, "GET", `/connectors/${name}`)).status).toBe(404);
  });
});
