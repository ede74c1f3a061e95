import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { LogicalDecimal } from "@connect-mesh/data";
import { Kafka, logLevel } from "kafkajs";
import { afterEach, describe, expect, inject, it } from "vitest";
import { HttpReceiver, type PostedRecord } from "./http-receiver.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const created: string[] = [];
const receivers: HttpReceiver[] = [];

afterEach(async () => {
  for (const name of created.splice(0)) await rest(restUrl, "DELETE", `/connectors/${name}`);
  for (const receiver of receivers.splice(0)) await receiver.stop();
});

/** The datagen record shape (see services/connectors/datagen-go/README.md), as the JSON envelope carries it. */
interface GeneratedPayload {
  id: number;
  name: string;
  amount: string;
  created_at: number;
  active: boolean;
  tags: string[];
}

/** Every message of a topic, read with kafkajs, keyed "partition/offset". */
async function readTopic(topic: string, count: number): Promise<Map<string, GeneratedPayload>> {
  const kafka = new Kafka({
    clientId: "polyglot-test",
    brokers: [inject("kafkaBootstrap")],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `polyglot-check-${randomUUID()}` });
  const messages = new Map<string, GeneratedPayload>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? "null") as { payload: GeneratedPayload };
        messages.set(`${partition}/${message.offset}`, envelope.payload);
      },
    });
    await waitFor(
      () => messages.size,
      (size) => size >= count,
      { timeoutMs: 60_000, description: `${count} messages in ${topic}` },
    );
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

describe("connectors written in Go and Python, in one pipeline", () => {
  it("lists the Go and Python plugins beside the TypeScript ones in GET /connector-plugins", async () => {
    const plugins = await rest(restUrl, "GET", "/connector-plugins");
    expect(plugins.body).toEqual(
      expect.arrayContaining([
        { class: "dev.connectmesh.datagen.DatagenSource", type: "source", version: expect.any(String) },
        { class: "dev.connectmesh.http.HttpSink", type: "sink", version: expect.any(String) },
        {
          class: "org.apache.kafka.connect.file.FileStreamSourceConnector",
          type: "source",
          version: expect.any(String),
        },
      ]),
    );
  });

  it("delivers every record from the Go datagen source to the Python HTTP sink as generated, through an outage", async () => {
    const receiver = await HttpReceiver.start();
    receivers.push(receiver);
    const id = randomUUID().slice(0, 8);
    const topic = `datagen-${id}`;
    const total = 2_000;

    const source = await rest(restUrl, "POST", "/connectors", {
      name: `datagen-${id}`,
      config: {
        "connector.class": "DatagenSource",
        topic,
        count: String(total),
        "batch.size": "100",
        seed: "7",
      },
    });
    expect(source.status, JSON.stringify(source.body)).toBe(201);
    created.push(`datagen-${id}`);

    // The receiver is down when the sink starts, and stays down until it has turned requests away.
    receiver.fail();
    const sink = await rest(restUrl, "POST", "/connectors", {
      name: `http-${id}`,
      config: {
        "connector.class": "HttpSink",
        topics: topic,
        "http.url": receiver.url,
        "retry.max.ms": "2000",
      },
    });
    expect(sink.status, JSON.stringify(sink.body)).toBe(201);
    created.push(`http-${id}`);
    await waitFor(
      () => receiver.refused,
      (refused) => refused >= 3,
      { timeoutMs: 60_000, description: "the HTTP sink to meet the outage" },
    );
    receiver.recover();

    const delivered = await waitFor(
      () => new Map<string, PostedRecord>(receiver.records.map((r) => [`${r.partition}/${r.offset}`, r])),
      (byPosition) => byPosition.size >= total,
      { timeoutMs: 120_000, description: `${total} distinct records at the receiver` },
    );
    const generated = await readTopic(topic, total);
    expect(delivered.size).toBe(total);
    expect(new Set(generated.keys())).toEqual(new Set(delivered.keys()));
    for (const [position, payload] of generated) {
      expectSameRecord(delivered.get(position), payload);
    }
    expect(new Set([...generated.values()].map((p) => p.id)).size).toBe(total);
  });
});

/** The sink renders Decimal as a decimal string and Timestamp as ISO-8601 (its README's table). */
function expectSameRecord(received: PostedRecord | undefined, generated: GeneratedPayload): void {
  const value = received?.value as Record<string, unknown> | undefined;
  expect(value).toMatchObject({
    id: generated.id,
    name: generated.name,
    active: generated.active,
    tags: generated.tags,
  });
  const amount = LogicalDecimal.fromValue(
    { kind: { $case: "bytesValue", value: Buffer.from(generated.amount, "base64") } },
    LogicalDecimal.schema(2),
  );
  expect(value?.amount).toBe(amount);
  expect(Date.parse(String(value?.created_at))).toBe(generated.created_at);
}
