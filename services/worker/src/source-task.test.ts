import { waitFor } from "@connect-mesh/async";
import { createConverter } from "@connect-mesh/converters";
import type { KafkaClient, OutgoingMessage, Producer, TopicMessages } from "@connect-mesh/kafka";
import {
  ConnectorError,
  ErrorKind,
  Record as MeshRecord,
  type ReadRequest,
  type ReadResponse,
  SchemaType,
  type SourceBatch,
} from "@connect-mesh/proto";
import { SourceOffsetStore } from "@connect-mesh/source-offsets";
import { ConnectMetrics, createMetricsRegistry } from "@connect-mesh/telemetry";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectClient } from "./connect-client.js";
import { runSourceStream } from "./source-task.js";
import { FatalTaskError, type TaskContext, TaskFencedError } from "./task-context.js";
import { scriptedCall } from "./testing/scripted-call.js";

// The gRPC channel is the integration tests' to open; here the client hands out a scripted Read stream.
vi.mock("./connect-client.js", () => ({ connectClient: vi.fn() }));
const connect = vi.mocked(connectClient);

const SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";
const OFFSETS_TOPIC = "connect-offsets";
const deadline = { timeoutMs: 5_000 };

type ReadMessage = NonNullable<ReadRequest["message"]>;

/** A connector service's end of the Read stream: the test answers with `send`. */
function scriptedReadStream() {
  const { call, requests, reply, ofCase } = scriptedCall<ReadMessage, ReadResponse>();
  const send = (message: NonNullable<ReadResponse["message"]>) => reply({ message });
  return { call, requests, send, ofCase };
}

/** A producer that records what it is given; `hold` keeps the next sends unacknowledged until released. */
function recordingProducer() {
  const batches: TopicMessages[][] = [];
  const sends: OutgoingMessage[][] = [];
  let acked: Promise<void> = Promise.resolve();
  const producer: Producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async ({ topicMessages }) => {
      batches.push(topicMessages);
      await acked;
    },
    send: async ({ messages }) => {
      sends.push(messages);
      await acked;
    },
  };
  const hold = () => {
    let release: () => void = () => undefined;
    acked = new Promise((resolve) => (release = resolve));
    return () => {
      acked = Promise.resolve();
      release();
    };
  };
  return { producer, batches, sends, hold };
}

const str = (value: string) => ({ kind: { $case: "stringValue" as const, value } });
const position = (at: number) => ({
  kind: {
    $case: "mapValue" as const,
    value: {
      entries: [{ key: str("position"), value: { kind: { $case: "intValue" as const, value: BigInt(at) } } }],
    },
  },
});
const inputFile = {
  kind: { $case: "mapValue" as const, value: { entries: [{ key: str("filename"), value: str("in.txt") }] } },
};

/** A line of in.txt, read up to `at`, for the topic "lines". */
const line = (text: string, at: number) =>
  MeshRecord.fromPartial({
    topic: "lines",
    key: str("in.txt"),
    keySchema: { type: SchemaType.SCHEMA_TYPE_STRING },
    value: str(text),
    valueSchema: { type: SchemaType.SCHEMA_TYPE_STRING },
    sourcePartition: inputFile,
    sourceOffset: position(at),
  });

const batch = (sequence: number, records: MeshRecord[]): NonNullable<ReadResponse["message"]> => ({
  $case: "batch",
  value: { sequence: BigInt(sequence), records, packed: [] } satisfies SourceBatch,
});

/** The connector's error, as its service sends it on the Read stream. */
const connectorError = (kind: ErrorKind, message: string): NonNullable<ReadResponse["message"]> => ({
  $case: "error",
  value: ConnectorError.fromPartial({ kind, message, errorClass: "IOError", stackTrace: "at read()" }),
});

/** What the offsets producer stored, as the text of each key and value. */
const storedOffsets = (sends: OutgoingMessage[][]) =>
  sends.map((messages) => messages.map((m) => [m.key?.toString(), m.value?.toString()]));

/**
 * A source task of "lines-source" with string converters, over a scripted Read stream, a recording records
 * producer and offsets producer, and the real offsets store (its keys and values are Connect's). Offsets
 * are committed at once unless `minCommitIntervalMs` says to wait.
 */
function sourceTask(options: { minCommitIntervalMs?: number } = {}) {
  const service = scriptedReadStream();
  const client = { read: () => service.call, close: vi.fn() };
  connect.mockResolvedValue(client as never);
  const records = recordingProducer();
  const offsetsProducer = recordingProducer();
  const kafka = { producer: () => offsetsProducer.producer } as Pick<KafkaClient, "producer"> as KafkaClient;
  const offsets = new SourceOffsetStore(
    kafka,
    OFFSETS_TOPIC,
    createConverter("JsonConverter", { "schemas.enable": "false" }, { isKey: false }),
  );
  const reports: [string, string | undefined][] = [];
  const activeTopics: string[] = [];
  const confirmStillAssigned = vi.fn(async () => undefined);
  const config = {
    "connector.class": "FileStreamSource",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    file: "in.txt",
  };
  const context = {
    connector: "lines-source",
    task: 0,
    config,
    kafka,
    // No offsets stored yet: the store reads nothing when the offsets topic is empty.
    admin: { fetchTopicOffsets: async () => [] },
    offsets,
    locator: { locate: async () => ({ className: SOURCE_CLASS, address: "file-connectors:50051" }) },
    status: { report: async (state: string, trace?: string) => void reports.push([state, trace]) },
    activeTopics: { record: async (_connector: string, topic: string) => void activeTopics.push(topic) },
    logger: pino({ level: "silent" }),
    metrics: new ConnectMetrics(createMetricsRegistry({ processMetrics: false })),
    commitCadence: { minIntervalMs: options.minCommitIntervalMs ?? 0, maxUncommittedRecords: 2_000 },
    confirmStillAssigned,
  } as unknown as TaskContext;
  const stopping = new AbortController();
  const run = () => runSourceStream(context, records.producer, stopping.signal);
  return {
    service,
    client,
    records,
    offsetsProducer,
    offsets,
    reports,
    activeTopics,
    confirmStillAssigned,
    config,
    stopping,
    run,
  };
}

afterEach(() => {
  vi.resetAllMocks();
});

describe("runSourceStream", () => {
  it("opens the stream with the plugin, the task's config and its stored offsets, grants two batches, and reports RUNNING", async () => {
    const task = sourceTask();
    const resumeFrom = [{ partition: inputFile, offset: position(42) }];
    vi.spyOn(task.offsets, "read").mockResolvedValueOnce(resumeFrom);
    const running = task.run();
    await waitFor(
      () => task.reports.length,
      (n) => n === 1,
      { ...deadline, description: "RUNNING" },
    );

    expect(task.service.requests).toEqual([
      {
        $case: "open",
        value: {
          plugin: SOURCE_CLASS,
          connectorName: "lines-source",
          taskId: 0,
          config: task.config,
          offsets: resumeFrom,
        },
      },
      { $case: "credit", value: { batches: 2 } },
    ]);
    expect(task.reports).toEqual([["RUNNING", undefined]]);
    task.stopping.abort();
    await running;
  });

  it("produces each record to its topic with the converters' bytes, acks=all, and grants one more batch", async () => {
    const task = sourceTask();
    const running = task.run();
    task.service.send(batch(1, [line("hello", 6), line("world", 12)]));
    await waitFor(
      () => task.service.ofCase("credit").length,
      (n) => n === 2,
      {
        ...deadline,
        description: "a credit after the batch",
      },
    );

    const [request] = task.records.batches;
    expect(request?.map((t) => t.topic)).toEqual(["lines"]);
    expect(request?.[0]?.messages.map((m) => [m.key?.toString(), m.value?.toString()])).toEqual([
      ["in.txt", "hello"],
      ["in.txt", "world"],
    ]);
    expect(task.service.ofCase("credit").at(-1)?.value).toEqual({ batches: 1 });
    expect(task.activeTopics).toEqual(["lines"]);
    task.stopping.abort();
    await running;
  });

  it("stores a batch's latest offset per partition only once Kafka has acknowledged its records, then acks the connector", async () => {
    const task = sourceTask();
    const release = task.records.hold();
    const running = task.run();
    task.service.send(batch(1, [line("hello", 6), line("world", 12)]));
    await waitFor(
      () => task.records.batches.length,
      (n) => n === 1,
      {
        ...deadline,
        description: "the batch to be sent",
      },
    );

    // Sent but not acknowledged: storing its offsets now could skip the records if Kafka loses them.
    expect(task.offsetsProducer.sends).toEqual([]);
    expect(task.service.ofCase("ack")).toEqual([]);

    release();
    await waitFor(
      () => task.service.ofCase("ack").length,
      (n) => n === 1,
      {
        ...deadline,
        description: "the connector's ack",
      },
    );
    expect(storedOffsets(task.offsetsProducer.sends)).toEqual([
      [['["lines-source",{"filename":"in.txt"}]', '{"position":12}']],
    ]);
    expect(task.service.ofCase("ack")).toEqual([{ $case: "ack", value: { throughSequence: 1n } }]);
    expect(task.confirmStillAssigned).toHaveBeenCalledTimes(1);
    task.stopping.abort();
    await running;
  });

  it("on a stop, finishes the batch in hand, stores its offsets, asks for no more and returns", async () => {
    // Long enough that only the stop can make the second commit happen.
    const task = sourceTask({ minCommitIntervalMs: 600_000 });
    const running = task.run();
    task.service.send(batch(1, [line("hello", 6)]));
    await waitFor(
      () => task.offsetsProducer.sends.length,
      (n) => n === 1,
      {
        ...deadline,
        description: "the first batch's offsets",
      },
    );
    const release = task.records.hold();
    task.service.send(batch(2, [line("world", 12)]));
    await waitFor(
      () => task.records.batches.length,
      (n) => n === 2,
      {
        ...deadline,
        description: "the second batch to be sent",
      },
    );

    task.stopping.abort();
    release();
    await running;

    expect(storedOffsets(task.offsetsProducer.sends)).toEqual([
      [['["lines-source",{"filename":"in.txt"}]', '{"position":6}']],
      [['["lines-source",{"filename":"in.txt"}]', '{"position":12}']],
    ]);
    // The initial two and one for the first batch: none for the batch in hand at the stop.
    expect(task.service.ofCase("credit").map((c) => c.value.batches)).toEqual([2, 1]);
    expect(task.client.close).toHaveBeenCalled();
  });

  it.each([
    { kind: ErrorKind.ERROR_KIND_FATAL, name: "FATAL", isFatal: true },
    { kind: ErrorKind.ERROR_KIND_RETRIABLE, name: "RETRIABLE", isFatal: false },
  ])("fails the task with the connector's $name error (fatal: $isFatal)", async ({ kind, isFatal }) => {
    const task = sourceTask();
    const running = task.run();
    task.service.send(connectorError(kind, "in.txt is not readable"));
    const error = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("the connector reported: in.txt is not readable");
    expect(error instanceof FatalTaskError).toBe(isFatal);
    // A fatal error keeps the connector's stack trace for the task's status.
    if (isFatal) expect((error as Error).cause).toBe("at read()");
    expect(task.client.close).toHaveBeenCalled();
  });

  it("still stores the offsets of what Kafka has when the connector fails after it", async () => {
    const task = sourceTask({ minCommitIntervalMs: 600_000 });
    const running = task.run();
    task.service.send(batch(1, [line("hello", 6)]));
    task.service.send(batch(2, [line("world", 12)]));
    await waitFor(
      () => task.service.ofCase("credit").length,
      (n) => n === 3,
      {
        ...deadline,
        description: "both batches written",
      },
    );
    task.service.send(connectorError(ErrorKind.ERROR_KIND_FATAL, "in.txt vanished"));

    await expect(running).rejects.toThrow(FatalTaskError);
    expect(storedOffsets(task.offsetsProducer.sends).at(-1)).toEqual([
      ['["lines-source",{"filename":"in.txt"}]', '{"position":12}'],
    ]);
  });

  it("fails with the fence, storing nothing, once the task runs elsewhere", async () => {
    const task = sourceTask();
    task.confirmStillAssigned.mockRejectedValue(new TaskFencedError("lines-source", 0, 3));
    const running = task.run();
    task.service.send(batch(1, [line("hello", 6)]));

    // The failed commit cancels the stream; the run ends with why it failed, not with CANCELLED.
    await expect(running).rejects.toThrow(TaskFencedError);
    expect(task.offsetsProducer.sends).toEqual([]);
    expect(task.service.ofCase("ack")).toEqual([]);
  });

  it("fails a batch that breaks the Read contract without producing it", async () => {
    const task = sourceTask();
    const running = task.run();
    task.service.send({
      $case: "batch",
      value: {
        sequence: 1n,
        records: [line("hello", 6)],
        packed: [{ topic: "lines", values: [Buffer.from("world")] } as never],
      },
    });
    await expect(running).rejects.toThrow(
      "the connector broke the Read contract: batch 1 sets both records and packed; a batch uses one form",
    );
    expect(task.records.batches).toEqual([]);
  });
});
