import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { describe, expect, inject, it } from "vitest";
import { readLines } from "./files.js";
import { HttpReceiver } from "./http-receiver.js";
import { producerSuite, headerText as text } from "./producer-suite.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";
import { readTopic } from "./topic-reader.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const { kafka, producer, created } = producerSuite("transforms-dlq-test");

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
    const parked = await readTopic(kafka, names.dlq, 2);
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

/** A connector from Connect-style JSON, deleted after the test. */
async function createConnector(name: string, config: Record<string, string>): Promise<void> {
  const response = await rest(restUrl, "POST", "/connectors", { name, config });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(name);
}

const JSON_VALUES = {
  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  "value.converter.schemas.enable": "false",
};

describe("Connect's transforms, configured as Connect's users write them", () => {
  it("InsertHeader adds a literal header to each source record", async () => {
    const id = randomUUID().slice(0, 8);
    const input = join(baseDir, `insert-header-${id}.txt`);
    await writeFile(input, "first\nsecond\n");
    await createConnector(`insert-header-${id}`, {
      "connector.class": "FileStreamSource",
      file: input,
      topic: `insert-header-${id}`,
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
      transforms: "insertHeader",
      "transforms.insertHeader.type": "org.apache.kafka.connect.transforms.InsertHeader",
      "transforms.insertHeader.header": "MyHeader",
      "transforms.insertHeader.value.literal": "MyValue",
    });
    const messages = await readTopic(kafka, `insert-header-${id}`, 2);
    expect(messages.map((m) => m.value?.toString())).toEqual(["first", "second"]);
    expect(messages.map((m) => text(m.headers, "MyHeader"))).toEqual(["MyValue", "MyValue"]);
  });

  it("MaskField$Value empties ssn, credit_card and email and keeps the other fields", async () => {
    const id = randomUUID().slice(0, 8);
    const output = join(baseDir, `mask-${id}.txt`);
    await producer.send({
      topic: `mask-${id}`,
      messages: [
        {
          value: JSON.stringify({
            name: "Ada",
            ssn: "123-45-6789",
            credit_card: "4111111111111111",
            email: "ada@example.com",
            age: 36,
          }),
        },
      ],
    });
    await createConnector(`mask-${id}`, {
      "connector.class": "FileStreamSink",
      file: output,
      topics: `mask-${id}`,
      ...JSON_VALUES,
      transforms: "mask",
      "transforms.mask.type": "org.apache.kafka.connect.transforms.MaskField$Value",
      "transforms.mask.fields": "ssn,credit_card,email",
    });
    const lines = await waitFor(
      () => readLines(output),
      (l) => l.length >= 1,
      { timeoutMs: 60_000, description: "the masked record in the output file" },
    );
    expect(lines).toEqual(["{name=Ada, ssn=, credit_card=, email=, age=36}"]);
  });

  it("applies the chain mask,addHeaders,flatten in order, with short aliases, up to the HTTP sink", async () => {
    const receiver = await HttpReceiver.start();
    try {
      const id = randomUUID().slice(0, 8);
      await producer.send({
        topic: `chain-${id}`,
        messages: [
          { value: JSON.stringify({ name: "Ada", ssn: "123", address: { city: "Oslo", zip: "0150" } }) },
        ],
      });
      await createConnector(`chain-${id}`, {
        "connector.class": "HttpSink",
        topics: `chain-${id}`,
        "http.url": receiver.url,
        ...JSON_VALUES,
        transforms: "mask,addHeaders,flatten",
        "transforms.mask.type": "MaskField$Value",
        "transforms.mask.fields": "ssn",
        "transforms.addHeaders.type": "InsertHeader",
        "transforms.addHeaders.header": "pipeline",
        "transforms.addHeaders.value.literal": "orders-v2",
        "transforms.flatten.type": "Flatten$Value",
      });
      await waitFor(
        () => receiver.records.length,
        (n) => n >= 1,
        { timeoutMs: 60_000, description: "the record at the HTTP receiver" },
      );
      const [posted] = receiver.records;
      expect(posted?.value).toEqual({ name: "Ada", ssn: "", "address.city": "Oslo", "address.zip": "0150" });
      expect(posted?.headers).toContainEqual({ key: "pipeline", value: "orders-v2" });
    } finally {
      await receiver.stop();
    }
  });

  it("RegexRouter sends a source's records to the topic its replacement names", async () => {
    const id = randomUUID().slice(0, 8);
    const input = join(baseDir, `router-${id}.txt`);
    await writeFile(input, "routed\n");
    await createConnector(`router-${id}`, {
      "connector.class": "FileStreamSource",
      file: input,
      topic: `soe-orders-${id}`,
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
      transforms: "dropPrefix",
      "transforms.dropPrefix.type": "org.apache.kafka.connect.transforms.RegexRouter",
      "transforms.dropPrefix.regex": "soe-(.*)",
      "transforms.dropPrefix.replacement": "$1",
    });
    const messages = await readTopic(kafka, `orders-${id}`, 1);
    expect(messages.map((m) => m.value?.toString())).toEqual(["routed"]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).not.toContain(`soe-orders-${id}`);
    } finally {
      await admin.disconnect();
    }
  });

  it("Filter with a TopicNameMatches predicate drops the records of the matching topic only", async () => {
    const id = randomUUID().slice(0, 8);
    const output = join(baseDir, `filter-${id}.txt`);
    const [foo, bar] = [`foo-${id}`, `bar-${id}`];
    await producer.send({
      topic: foo,
      messages: [{ value: '{"from":"foo","n":1}' }, { value: '{"from":"foo","n":2}' }],
    });
    await producer.send({
      topic: bar,
      messages: [{ value: '{"from":"bar","n":1}' }, { value: '{"from":"bar","n":2}' }],
    });
    await createConnector(`filter-${id}`, {
      "connector.class": "FileStreamSink",
      file: output,
      topics: `${foo},${bar}`,
      ...JSON_VALUES,
      transforms: "Filter",
      "transforms.Filter.type": "org.apache.kafka.connect.transforms.Filter",
      "transforms.Filter.predicate": "IsFoo",
      predicates: "IsFoo",
      "predicates.IsFoo.type": "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
      "predicates.IsFoo.pattern": "foo-.*",
    });
    // Both topics fully handled: the group committed past every record, so the foo records were seen.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () =>
          (await admin.fetchOffsets({ groupId: `connect-filter-${id}`, topics: [foo, bar] })).map(
            (t) => t.partitions[0]?.offset,
          ),
        (offsets) => offsets.every((offset) => offset === "2"),
        { timeoutMs: 60_000, description: "the sink's group to commit both topics to offset 2" },
      );
    } finally {
      await admin.disconnect();
    }
    expect(await readLines(output)).toEqual(["{from=bar, n=1}", "{from=bar, n=2}"]);
  });
});
