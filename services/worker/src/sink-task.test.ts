import { waitFor } from "@connect-mesh/async";
import { unpackRecords } from "@connect-mesh/data";
import type {
  Consumer,
  ConsumerCrash,
  ConsumerRunConfig,
  IncomingMessage,
  KafkaClient,
  PartitionPosition,
} from "@connect-mesh/kafka";
import {
  ConnectorError,
  ErrorKind,
  type Record as MeshRecord,
  SinkServiceClient,
  type WriteRequest,
  type WriteResponse,
} from "@connect-mesh/proto";
import { ConnectMetrics, createMetricsRegistry } from "@connect-mesh/telemetry";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { connectClient } from "./connect-client.js";
import { runSinkStream } from "./sink-task.js";
import { FatalTaskError, type TaskContext } from "./task-context.js";
import { scriptedCall } from "./testing/scripted-call.js";

// The gRPC channels are the integration tests' to open; here the client hands out a scripted Write stream,
// and a Describe that says whether the plugin reads packed batches.
vi.mock("./connect-client.js", () => ({ connectClient: vi.fn() }));
const connect = vi.mocked(connectClient);

const SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";
const TOPIC = "orders";
const deadline = { timeoutMs: 5_000 };

type WriteMessage = NonNullable<WriteRequest["message"]>;
type WriteAnswer = NonNullable<WriteResponse["message"]>;

/**
 * A sink service's end of the Write stream: a batch is acked and a flush answered at once, unless the test
 * `hold`s that kind of answer, or sets `script.batchAnswer`.
 */
function scriptedWriteStream() {
  const held: { batch?: WriteAnswer[]; flush?: WriteAnswer[] } = {};
  const script = {
    batchAnswer: (sequence: bigint): WriteAnswer => ({ $case: "ack", value: { sequence } }),
  };
  const { call, requests, reply, ofCase } = scriptedCall<WriteMessage, WriteResponse>((message, service) => {
    const answer = (kind: "batch" | "flush", response: WriteAnswer) => {
      const waiting = held[kind];
      if (waiting) waiting.push(response);
      else service.reply({ message: response });
    };
    if (message.$case === "batch") answer("batch", script.batchAnswer(message.value.sequence));
    if (message.$case === "flush")
      answer("flush", { $case: "flushed", value: { throughSequence: message.value.throughSequence } });
  });
  /** Keeps answers of `kind` back until the returned function releases them. */
  const hold = (kind: "batch" | "flush") => {
    held[kind] = [];
    return () => {
      const waiting = held[kind] ?? [];
      held[kind] = undefined;
      for (const message of waiting) reply({ message });
    };
  };
  return { call, requests, ofCase, hold, script };
}

/**
 * The consumer `context.kafka.sinkConsumer` hands out: it records what the task asks of it, in order
 * (`log`), and lets the test deliver a fetched batch to the `eachBatch` the task ran it with. Like kafkajs,
 * it drops commits once `stop` has begun, so a commit after the stop never shows up in `commits`.
 */
function fakeSinkConsumer() {
  const log: string[] = [];
  const commits: PartitionPosition[][] = [];
  const subscriptions: { topics: (string | RegExp)[]; fromBeginning?: boolean }[] = [];
  const resolvedOffsets: string[] = [];
  let runConfig: ConsumerRunConfig | undefined;
  let crash: ((crash: ConsumerCrash) => void) | undefined;
  let isStopped = false;
  const consumer: Consumer = {
    connect: async () => void log.push("connect"),
    subscribe: async (subscription) => {
      log.push("subscribe");
      subscriptions.push(subscription);
    },
    run: async (config) => {
      log.push("run");
      runConfig = config;
    },
    commitOffsets: async (positions) => {
      if (isStopped) return;
      log.push(`commit ${positions.map((p) => `${p.topic}/${p.partition}@${p.offset}`).join(",")}`);
      commits.push(positions);
    },
    seek: () => undefined,
    stop: async () => {
      isStopped = true;
      log.push("stop");
    },
    disconnect: async () => void log.push("disconnect"),
    on: (_event, listener) => {
      crash = listener;
    },
    events: { CRASH: "consumer.crash" },
  };
  /** Hands `messages` of partition 0 to the task as one fetch; resolves or rejects as its eachBatch does. */
  const deliver = (
    messages: IncomingMessage[],
    { heartbeat = async () => undefined }: { heartbeat?: () => Promise<void> } = {},
  ): Promise<void> => {
    const eachBatch = runConfig?.eachBatch;
    if (eachBatch === undefined) throw new Error("the task has not run the consumer with eachBatch");
    return eachBatch({
      batch: { topic: TOPIC, partition: 0, highWatermark: "100", messages },
      resolveOffset: (offset) => void resolvedOffsets.push(offset),
      heartbeat,
      isRunning: () => !isStopped,
      isStale: () => false,
    });
  };
  const revokePartitions = async () => {
    const onPartitionsRevoked = runConfig?.onPartitionsRevoked;
    if (onPartitionsRevoked === undefined)
      throw new Error("the task has not run the consumer with a revoke hook");
    await onPartitionsRevoked();
  };
  const emitCrash = (payload: ConsumerCrash["payload"]) => crash?.({ payload });
  return {
    consumer,
    log,
    commits,
    subscriptions,
    resolvedOffsets,
    deliver,
    revokePartitions,
    emitCrash,
    runConfig: () => runConfig,
  };
}

/** A bare message (no headers) of "orders" at `offset`, keyed and valued with text. */
const message = (offset: number, value: string): IncomingMessage => ({
  key: Buffer.from(`key-${offset}`),
  value: Buffer.from(value),
  headers: {},
  timestamp: "1700000000000",
  offset: String(offset),
});

const text = (value: string) => ({ kind: { $case: "stringValue" as const, value } });

/** What each record of a batch request carries: key, value and Kafka offset. */
const contentOf = (records: readonly Pick<MeshRecord, "key" | "value" | "kafkaPosition">[]) =>
  records.map((r) => [r.key, r.value, r.kafkaPosition?.offset]);

/**
 * A sink task of "orders-sink" reading "orders" with string converters, over a scripted Write stream and a
 * fake consumer. `packs` is what the service's Describe says of the plugin. Offsets are committed at once
 * unless `minCommitIntervalMs` says to wait (the first commit never waits).
 */
/**
 * A running sink task that has written and committed one batch (offset 5), with commits so far apart
 * (600 s) that only a drain, at a revoke or a stop, can commit the next one.
 */
async function runningWithOneCommit() {
  const task = sinkTask({ minCommitIntervalMs: 600_000 });
  const { running } = await task.start();
  await task.kafka.deliver([message(5, "apple")]);
  await waitFor(
    () => task.kafka.commits.length,
    (n) => n === 1,
    { ...deadline, description: "the first batch's commit" },
  );
  return { task, running };
}

function sinkTask(options: { packs?: boolean; minCommitIntervalMs?: number } = {}) {
  const service = scriptedWriteStream();
  const sinkClient = { write: () => service.call, close: vi.fn() };
  const describeClient = {
    describe: (
      _request: unknown,
      _metadata: unknown,
      _options: unknown,
      callback: (error: Error | null, response: unknown) => void,
    ) => callback(null, { plugins: [{ className: SINK_CLASS, readsPackedBatches: options.packs ?? false }] }),
    close: vi.fn(),
  };
  connect.mockImplementation(
    async (make) => ((make as unknown) === SinkServiceClient ? sinkClient : describeClient) as never,
  );
  const kafka = fakeSinkConsumer();
  const reports: [string, string | undefined][] = [];
  const activeTopics: string[] = [];
  const confirmStillAssigned = vi.fn(async () => undefined);
  const config = {
    "connector.class": "FileStreamSink",
    topics: TOPIC,
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    file: "out.txt",
  };
  const context = {
    connector: "orders-sink",
    task: 0,
    config,
    kafka: { sinkConsumer: () => kafka.consumer } as Pick<KafkaClient, "sinkConsumer"> as KafkaClient,
    locator: { locate: async () => ({ className: SINK_CLASS, address: "file-connectors:50051" }) },
    status: { report: async (state: string, trace?: string) => void reports.push([state, trace]) },
    activeTopics: { record: async (_connector: string, topic: string) => void activeTopics.push(topic) },
    logger: pino({ level: "silent" }),
    metrics: new ConnectMetrics(createMetricsRegistry({ processMetrics: false })),
    commitCadence: { minIntervalMs: options.minCommitIntervalMs ?? 0, maxUncommittedRecords: 2_000 },
    confirmStillAssigned,
  } as unknown as TaskContext;
  const stopping = new AbortController();
  const run = () => runSinkStream(context, stopping.signal);
  /**
   * Runs the task until it has joined the group and reported RUNNING; the run is handed back wrapped, or
   * awaiting `start` would wait for the run to end.
   */
  const start = async () => {
    const running = run();
    await waitFor(
      () => reports.length,
      (n) => n === 1,
      { ...deadline, description: "RUNNING" },
    );
    return { running };
  };
  return { service, sinkClient, kafka, reports, activeTopics, confirmStillAssigned, config, stopping, start };
}

afterEach(() => {
  vi.resetAllMocks();
});

describe("runSinkStream", () => {
  it("opens the stream with the plugin and config, subscribes from the beginning without auto-commit, and reports RUNNING", async () => {
    const task = sinkTask();
    const { running } = await task.start();

    expect(task.service.requests).toEqual([
      {
        $case: "open",
        value: {
          plugin: SINK_CLASS,
          connectorName: "orders-sink",
          taskId: 0,
          config: task.config,
          assigned: [],
        },
      },
    ]);
    expect(task.kafka.subscriptions).toEqual([{ topics: [TOPIC], fromBeginning: true }]);
    // Offsets are the task's to commit, after the service's flush; kafkajs must not commit or resolve on its own.
    expect(task.kafka.runConfig()).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(task.kafka.log).toEqual(["connect", "subscribe", "run"]);
    expect(task.reports).toEqual([["RUNNING", undefined]]);
    task.stopping.abort();
    await running;
  });

  it("sends a fetched batch's records to the service as one batch, each converted by the task's converters", async () => {
    const task = sinkTask({ packs: false });
    const { running } = await task.start();

    await task.kafka.deliver([message(5, "apple"), message(6, "pear"), message(7, "plum")]);

    const batches = task.service.ofCase("batch");
    expect(batches).toHaveLength(1);
    expect(batches[0]?.value.packed).toEqual([]);
    expect(contentOf(batches[0]?.value.records ?? [])).toEqual([
      [text("key-5"), text("apple"), 5n],
      [text("key-6"), text("pear"), 6n],
      [text("key-7"), text("plum"), 7n],
    ]);
    expect(task.activeTopics).toEqual([TOPIC]);
    task.stopping.abort();
    await running;
  });

  it("packs a batch of bare messages into one run when the service reads packed batches", async () => {
    const task = sinkTask({ packs: true });
    const { running } = await task.start();

    await task.kafka.deliver([message(5, "apple"), message(6, "pear")]);

    const batches = task.service.ofCase("batch");
    expect(batches).toHaveLength(1);
    expect(batches[0]?.value.records).toEqual([]);
    const runs = batches[0]?.value.packed ?? [];
    expect(runs).toHaveLength(1);
    // Unpacked, the run is what the per-record form would have carried.
    expect(contentOf(runs.flatMap(unpackRecords))).toEqual([
      [text("key-5"), text("apple"), 5n],
      [text("key-6"), text("pear"), 6n],
    ]);
    task.stopping.abort();
    await running;
  });

  it("commits the offset after the batch's last record only once the service has answered the flush", async () => {
    const task = sinkTask();
    const releaseFlush = task.service.hold("flush");
    const { running } = await task.start();

    await task.kafka.deliver([message(5, "apple"), message(6, "pear"), message(7, "plum")]);
    await waitFor(
      () => task.service.ofCase("flush").length,
      (n) => n === 1,
      { ...deadline, description: "the background commit's flush" },
    );

    // Written and acked, but not yet durable in the sink: committing now could lose the records on a crash.
    expect(task.kafka.commits).toEqual([]);
    expect(task.service.ofCase("flush")[0]?.value).toEqual({ throughSequence: 1n });
    expect(task.kafka.resolvedOffsets).toEqual(["7"]);

    releaseFlush();
    await waitFor(
      () => task.kafka.commits.length,
      (n) => n === 1,
      { ...deadline, description: "the commit after the flush" },
    );
    expect(task.kafka.commits).toEqual([[{ topic: TOPIC, partition: 0, offset: "8" }]]);
    expect(task.confirmStillAssigned).toHaveBeenCalledTimes(1);
    task.stopping.abort();
    await running;
  });

  it("throws a failed heartbeat back to the consumer without failing the task, and commits what was written before the rejoin", async () => {
    const { task, running } = await runningWithOneCommit();

    const rebalancing = new Error("The group is rebalancing, so a rejoin is needed");
    const handed = task.kafka.deliver([message(6, "pear"), message(7, "plum")], {
      heartbeat: async () => {
        throw rebalancing;
      },
    });

    // The consumer sees the heartbeat's own error, so it rejoins the group as kafkajs does.
    await expect(handed).rejects.toBe(rebalancing);
    expect(task.kafka.commits).toHaveLength(1);
    await task.kafka.revokePartitions();
    expect(task.kafka.commits).toEqual([
      [{ topic: TOPIC, partition: 0, offset: "6" }],
      [{ topic: TOPIC, partition: 0, offset: "8" }],
    ]);
    expect(task.reports).toEqual([["RUNNING", undefined]]);
    task.stopping.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it("on a stop, finishes and commits the batch in hand before it stops the consumer", async () => {
    const { task, running } = await runningWithOneCommit();
    const releaseAck = task.service.hold("batch");
    const handed = task.kafka.deliver([message(6, "pear")]);
    await waitFor(
      () => task.service.ofCase("batch").length,
      (n) => n === 2,
      { ...deadline, description: "the second batch to be sent" },
    );

    task.stopping.abort();
    releaseAck();
    await handed;
    await running;

    // kafkajs drops commits once stop() has begun: the batch in hand must be committed before it.
    expect(task.kafka.log).toEqual([
      "connect",
      "subscribe",
      "run",
      `commit ${TOPIC}/0@6`,
      `commit ${TOPIC}/0@7`,
      "stop",
      "disconnect",
    ]);
    expect(task.sinkClient.close).toHaveBeenCalled();
  });

  it("fails the run with the service's FATAL error for a whole batch, committing nothing", async () => {
    const task = sinkTask();
    task.service.script.batchAnswer = (sequence) => ({
      $case: "error",
      value: {
        sequence,
        error: ConnectorError.fromPartial({
          kind: ErrorKind.ERROR_KIND_FATAL,
          message: "out.txt is read-only",
          stackTrace: "at put()",
        }),
      },
    });
    const { running } = await task.start();

    await task.kafka.deliver([message(5, "apple")]);

    const error = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FatalTaskError);
    expect((error as Error).message).toBe("the connector could not write batch 1: out.txt is read-only");
    expect(task.kafka.commits).toEqual([]);
    expect(task.kafka.log.slice(-2)).toEqual(["stop", "disconnect"]);
    expect(task.sinkClient.close).toHaveBeenCalled();
  });

  it("keeps writing after a consumer crash that kafkajs restarts from by itself", async () => {
    const task = sinkTask();
    const { running } = await task.start();

    task.kafka.emitCrash({ error: new Error("The coordinator is loading"), restart: true });
    await task.kafka.deliver([message(5, "apple")]);

    expect(task.service.ofCase("batch")).toHaveLength(1);
    task.stopping.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it("fails the run with a consumer crash that kafkajs gives up on", async () => {
    const task = sinkTask();
    const { running } = await task.start();
    const crash = new Error("The coordinator is not aware of this member");

    task.kafka.emitCrash({ error: crash, restart: false });

    await expect(running).rejects.toBe(crash);
    expect(task.kafka.log.slice(-2)).toEqual(["stop", "disconnect"]);
  });
});
