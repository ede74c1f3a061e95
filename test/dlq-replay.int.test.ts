import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import type { Message } from "kafkajs";
import { afterEach, describe, expect, inject, it } from "vitest";
import { cmesh, traceOfFirstDeadLetter } from "./cmesh.js";
import { HttpReceiver, type PostedRecord } from "./http-receiver.js";
import { producerSuite, headerText as text } from "./producer-suite.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";
import { readTopic } from "./topic-reader.js";

const restUrl = inject("restUrl");
const bootstrap = inject("kafkaBootstrap");
const jaegerQueryUrl = inject("jaegerQueryUrl");
const receivers: HttpReceiver[] = [];
// Registered before producerSuite's, so it runs after the connectors are deleted (after-hooks run last first).
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.stop();
});
const { kafka, producer, created } = producerSuite("dlq-replay-test");

const idOf = (record: PostedRecord) => (record.value as { id?: number } | null)?.id;
const dlqArgs = (...args: string[]) => ["dlq", ...args, "--url", restUrl, "--bootstrap", bootstrap];

/**
 * An HTTP receiver that refuses the records `refuses` picks, a topic holding `messages`, and an HttpSink
 * connector from that topic to the receiver that tolerates errors and parks them in a DLQ with Connect's
 * context headers, with `extra` config on top.
 */
async function httpSinkRefusing(
  refuses: (record: PostedRecord) => boolean,
  messages: Message[],
  extra: Record<string, string> = {},
): Promise<{ receiver: HttpReceiver; names: { sink: string; topic: string; dlq: string } }> {
  const receiver = await HttpReceiver.start();
  receivers.push(receiver);
  receiver.rejectRecords(refuses);
  const id = randomUUID().slice(0, 8);
  const names = { sink: `http-dlq-${id}`, topic: `orders-${id}`, dlq: `dlq-http-${id}` };
  await producer.send({ topic: names.topic, messages });
  const response = await rest(restUrl, "POST", "/connectors", {
    name: names.sink,
    config: {
      "connector.class": "HttpSink",
      topics: names.topic,
      "http.url": receiver.url,
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": names.dlq,
      "errors.deadletterqueue.context.headers.enable": "true",
      ...extra,
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(names.sink);
  return { receiver, names };
}

describe("the trace of a record a sink refused", () => {
  it("leads from the DLQ copy of a record that was not sampled to the sink's failed write and the dead letter hop", async () => {
    // No record is sampled, so none carries a trace id to the sink service: the one it refuses is traced
    // because it failed, in a trace the service starts and tells the worker about.
    const { names } = await httpSinkRefusing(
      (record) => idOf(record) === 2,
      [1, 2, 3].map((n) => ({ value: JSON.stringify({ id: n }) })),
      { "trace.sampling.ratio": "0" },
    );
    const [parked] = await readTopic(kafka, names.dlq, 1);
    expect(text(parked?.headers, "__connect.errors.trace.id")).toMatch(/^[0-9a-f]{32}$/);
    const { lines, failedHop } = await traceOfFirstDeadLetter(names.sink, "sink write record", {
      restUrl,
      bootstrap,
      jaegerQueryUrl,
    });
    expect(failedHop, lines.join("\n")).toBeGreaterThan(-1);
    expect(
      lines.findIndex((line) => line.includes("─ dead letter ")),
      lines.join("\n"),
    ).toBeGreaterThan(failedHop);
  });
});

describe("a sink that rejects one record of a packed batch", () => {
  it("parks exactly that record, at its own offset, and delivers the rest in order", async () => {
    // Plain text through StringConverter, no transforms, and nothing sampled: the worker sends each fetched
    // batch packed to the Python sink, which refuses one record of it by index.
    const { receiver, names } = await httpSinkRefusing(
      (record) => record.value === "line-5",
      Array.from({ length: 8 }, (_, index) => ({ value: `line-${index + 1}` })),
      { "value.converter": "org.apache.kafka.connect.storage.StringConverter", "trace.sampling.ratio": "0" },
    );
    const values = () => receiver.records.map((record) => record.value);
    await waitFor(values, (seen) => seen.length >= 7, {
      timeoutMs: 60_000,
      description: "the seven records the receiver takes",
    });
    expect(values()).toEqual(["line-1", "line-2", "line-3", "line-4", "line-6", "line-7", "line-8"]);
    expect(receiver.records.map((record) => record.offset)).toEqual([0, 1, 2, 3, 5, 6, 7]);
    const [parked] = await readTopic(kafka, names.dlq, 1);
    expect(parked?.value?.toString()).toBe("line-5");
    expect(text(parked?.headers, "__connect.errors.offset")).toBe("4");
    expect(text(parked?.headers, "__connect.errors.stage")).toBe("TASK_PUT");
  });
});

describe("a sink that rejects one record, and replaying it from the dead-letter queue", () => {
  it("parks the record the HTTP receiver refuses with Connect's headers, delivers the rest, and replays it after the fix", async () => {
    const { receiver, names } = await httpSinkRefusing(
      (record) => idOf(record) === 3,
      [1, 2, 3, 4, 5].map((n) => ({ key: `order-${n}`, value: JSON.stringify({ id: n }) })),
      { "key.converter": "org.apache.kafka.connect.storage.StringConverter" },
    );

    // The rest flow on; the refused record is parked with the context headers.
    await waitFor(
      () => receiver.records.map(idOf),
      (ids) => ids.length >= 4,
      { timeoutMs: 60_000, description: "the four valid records at the receiver" },
    );
    expect(receiver.records.map(idOf)).toEqual([1, 2, 4, 5]);
    const [parked] = await readTopic(kafka, names.dlq, 1);
    expect(parked?.value?.toString()).toBe('{"id":3}');
    expect(parked?.key?.toString()).toBe("order-3");
    const headers = parked?.headers;
    expect(text(headers, "__connect.errors.topic")).toBe(names.topic);
    expect(text(headers, "__connect.errors.partition")).toBe("0");
    expect(text(headers, "__connect.errors.offset")).toBe("2");
    expect(text(headers, "__connect.errors.connector.name")).toBe(names.sink);
    expect(text(headers, "__connect.errors.stage")).toBe("TASK_PUT");
    expect(text(headers, "__connect.errors.class.name")).toBe("dev.connectmesh.http.HttpSink");
    expect(text(headers, "__connect.errors.exception.class.name")).toBe("HTTPError");
    expect(text(headers, "__connect.errors.exception.message")).toMatch(
      /422.*rejected record \d+ of the batch/,
    );

    const listed = await cmesh(...dlqArgs("list", names.sink));
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${names.dlq}:0:0`);
    expect(listed.stdout).toContain(`from ${names.topic}:0:2`);
    expect(listed.stdout).toContain("stage: TASK_PUT (dev.connectmesh.http.HttpSink)");
    expect(listed.stdout).toContain("1 record in");

    // Replayed before the fix, the record goes back to the dead-letter queue, and the report says so.
    const tooSoon = await cmesh(...dlqArgs("replay", names.sink, "--timeout", "60"));
    expect(tooSoon.code, tooSoon.stderr).toBe(1);
    expect(tooSoon.stdout).toMatch(/replayed 1 record .*: 0 succeeded, 1 went back to the dead-letter queue/);
    const [, again] = await readTopic(kafka, names.dlq, 2);
    // Parked again as the record of its first read, with the replay's id kept.
    expect(text(again?.headers, "__connect.errors.topic")).toBe(names.topic);
    expect(text(again?.headers, "__connect.errors.offset")).toBe("2");
    expect(text(again?.headers, "__cmesh.replay.id")).toMatch(/^[0-9a-f-]{36}$/);

    // After the fix, replaying the newest copy (--from) delivers it, at its first position.
    receiver.acceptAll();
    const fixed = await cmesh(...dlqArgs("replay", names.sink, "--from", "1", "--timeout", "60"));
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/replayed 1 record .*: 1 succeeded, 0 went back to the dead-letter queue/);
    const replayed = receiver.records.filter((record) => idOf(record) === 3);
    expect(replayed).toHaveLength(1);
    expect(replayed[0]).toMatchObject({ topic: names.topic, partition: 0, offset: 2, key: "order-3" });
    expect(receiver.records.map(idOf)).toEqual([1, 2, 4, 5, 3]);
  });

  it("refuses to replay a source connector's dead-letter queue, saying what to do instead", async () => {
    const name = `source-dlq-${randomUUID().slice(0, 8)}`;
    const response = await rest(restUrl, "POST", "/connectors", {
      name,
      config: {
        "connector.class": "FileStreamSource",
        file: join(inject("baseDir"), `${name}.txt`),
        topic: name,
        "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": `dlq-${name}`,
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created.push(name);
    const result = await cmesh(...dlqArgs("replay", name));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`connector "${name}" is a source connector`);
    expect(result.stderr).toContain(`cmesh dlq list ${name}`);
  });
});
