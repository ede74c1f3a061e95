// Starts the real gRPC server on 127.0.0.1 and drives it with the generated clients. Nothing outside the
// process is involved: the server is our own, on a loopback port picked by the system.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { batchRecords } from "@connect-mesh/data";
import {
  ConnectorError,
  ConnectorServiceClient,
  type Record as ConnectRecord,
  type DescribeResponse,
  ErrorKind,
  type PackedRecords,
  type PlanResponse,
  PluginKind,
  type ReadRequest,
  type ReadResponse,
  Schema,
  SchemaType,
  SinkServiceClient,
  SourceServiceClient,
  type ValidateResponse,
  type WriteRequest,
  type WriteResponse,
} from "@connect-mesh/proto";
import {
  type ChannelCredentials,
  Client,
  type ClientDuplexStream,
  credentials,
  type ServiceError,
  type StatusObject,
  status,
} from "@grpc/grpc-js";
import { loadSync, type MethodDefinition, type ServiceDefinition } from "@grpc/proto-loader";
import { protoPath as healthProtoPath } from "grpc-health-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineConfig } from "./config-spec.js";
import { validators } from "./config-validators.js";
import { type ConnectorServer, startConnectorServer } from "./connector-server.js";
import { FatalError, RetriableError } from "./errors.js";
import { CONNECTOR_ERROR_METADATA_KEY } from "./internal/grpc-status.js";
import { fromValue, toValue } from "./plain-value.js";
import { defineSinkPlugin, defineSourcePlugin, type PartitionsChange, type SourceCommit } from "./plugin.js";
import { sourceRecord } from "./source-record.js";

/** What the counting source lets the tests observe. */
interface SourceProbe {
  pulls: number;
  closedTasks: number;
  commits: SourceCommit[];
}

const countingConfig = defineConfig({
  topic: { type: "string", documentation: "Where records go.", validators: [validators.nonEmpty()] },
  "batch.size": {
    type: "int",
    default: 2,
    documentation: "Records per batch.",
    validators: [validators.range({ min: 1 })],
  },
  streams: { type: "int", default: 1, documentation: "Independent counters, one per task at most." },
  "fail.at.batch": {
    type: "int",
    default: null,
    documentation: "Throw a RetriableError when asked for this batch.",
  },
});

const STRING_SCHEMA = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING });

/** A source that counts: record n has value "record-n" and offset {n}, per stream; it never runs dry. */
function countingSource(probe: SourceProbe) {
  return defineSourcePlugin({
    className: "org.example.CountingSourceConnector",
    aliases: ["CountingSource"],
    version: "1.2.3",
    description: "Counts forever",
    config: countingConfig,
    validate: ({ config }) =>
      config.topic.startsWith("_") ? [{ key: "topic", message: "topics starting with _ are internal" }] : [],
    plan: ({ config, raw, maxTasks }) =>
      Array.from({ length: Math.min(config.streams, maxTasks) }, (_, stream) => ({
        ...raw,
        "stream.id": String(stream),
      })),
    async *read(task) {
      const config = countingConfig.parse(task.config);
      const partition = { stream: task.config["stream.id"] ?? "0" };
      const stored = fromValue(toValue(task.offsetFor(partition) ?? { n: -1n }));
      let n = typeof stored === "object" && stored !== null && "n" in stored ? Number(stored.n) + 1 : 0;
      try {
        for (let batch = 1; !task.signal.aborted; batch++) {
          probe.pulls += 1;
          if (batch === config.failAtBatch) throw new RetriableError(`counter ${partition.stream} hiccupped`);
          const records: ConnectRecord[] = [];
          for (let i = 0; i < config.batchSize; i++, n++) {
            records.push(
              sourceRecord({
                topic: config.topic,
                sourcePartition: toValue(partition),
                sourceOffset: toValue({ n }),
                value: toValue(`record-${n}`),
                // Flat: a batch of 4 or more goes in the packed form.
                valueSchema: STRING_SCHEMA,
              }),
            );
          }
          yield records;
        }
      } finally {
        probe.closedTasks += 1;
      }
    },
    async commit(committed) {
      probe.commits.push(committed);
    },
  });
}

/** What the memory sink lets the tests observe. */
interface SinkProbe {
  accepted: string[];
  flushedCount: number;
  partitionChanges: PartitionsChange[];
  closedTasks: number;
}

const memoryConfig = defineConfig({
  "fail.on": { type: "string", default: "bad", documentation: "A value refused as bad data." },
});

/** A sink that keeps values in memory; "fail.on" values are refused as FATAL, "busy" ones as RETRIABLE. */
function memorySink(probe: SinkProbe) {
  return defineSinkPlugin({
    className: "org.example.MemorySinkConnector",
    aliases: ["MemorySink"],
    version: "0.0.1",
    description: "Keeps records in memory",
    config: memoryConfig,
    plan: ({ raw, maxTasks }) => Array.from({ length: maxTasks }, () => ({ ...raw })),
    async open(task) {
      const config = memoryConfig.parse(task.config);
      return {
        async write(records) {
          for (const [index, record] of records.entries()) {
            const value = String(fromValue(record.value));
            if (value === config.failOn)
              throw new FatalError(`cannot store "${value}"`, { recordIndex: index });
            if (value === "busy") throw new RetriableError("the store is busy");
            probe.accepted.push(value);
          }
        },
        async flush() {
          probe.flushedCount = probe.accepted.length;
        },
        async partitionsChanged(change) {
          probe.partitionChanges.push(change);
        },
        async close() {
          probe.closedTasks += 1;
        },
      };
    },
  });
}

/** A client-side bidi stream whose responses and final status the tests can wait on. */
class StreamUnderTest<Req, Res> {
  readonly responses: Res[] = [];
  status: StatusObject | ServiceError | undefined;

  constructor(readonly call: ClientDuplexStream<Req, Res>) {
    call.on("data", (response: Res) => this.responses.push(response));
    call.on("status", (final: StatusObject) => {
      this.status ??= final;
    });
    call.on("error", (error: ServiceError) => {
      this.status = error;
    });
  }

  send(request: Req): void {
    this.call.write(request);
  }

  async waitForResponses(count: number): Promise<Res[]> {
    await vi.waitFor(() => expect(this.responses.length).toBeGreaterThanOrEqual(count), WAIT);
    return this.responses;
  }

  async waitForStatus(): Promise<StatusObject | ServiceError> {
    await vi.waitFor(() => expect(this.status).toBeDefined(), WAIT);
    const final = this.status;
    if (final === undefined) throw new Error("the stream has no status yet");
    return final;
  }
}

const WAIT = { timeout: 5_000, interval: 5 };

const batchesOf = (responses: readonly ReadResponse[]) =>
  responses.map((response) =>
    response.message?.$case === "batch"
      ? {
          sequence: response.message.value.sequence,
          values: batchRecords(response.message.value).map((record) => fromValue(record.value)),
        }
      : response.message?.$case,
  );

let server: ConnectorServer;
let sourceProbe: SourceProbe;
let sinkProbe: SinkProbe;
const clients: Client[] = [];

function client<C extends Client>(Constructor: new (address: string, creds: ChannelCredentials) => C): C {
  const created = new Constructor(server.address, credentials.createInsecure());
  clients.push(created);
  return created;
}

function openRead(): StreamUnderTest<ReadRequest, ReadResponse> {
  return new StreamUnderTest(client(SourceServiceClient).read());
}

function openWrite(): StreamUnderTest<WriteRequest, WriteResponse> {
  return new StreamUnderTest(client(SinkServiceClient).write());
}

beforeEach(async () => {
  sourceProbe = { pulls: 0, closedTasks: 0, commits: [] };
  sinkProbe = { accepted: [], flushedCount: 0, partitionChanges: [], closedTasks: 0 };
  server = await startConnectorServer({
    plugins: [countingSource(sourceProbe), memorySink(sinkProbe)],
    host: "127.0.0.1",
    port: 0,
    gracePeriodMs: 2_000,
    taskStopTimeoutMs: 2_000,
  });
});

afterEach(async () => {
  for (const created of clients.splice(0)) created.close();
  await server.stop({ graceful: false });
});

describe("startConnectorServer", () => {
  it("listens on the port the system picked and reports its address", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
  });

  it("refuses two plugins claiming one name", async () => {
    const probe = { pulls: 0, closedTasks: 0, commits: [] };
    await expect(
      startConnectorServer({ plugins: [countingSource(probe), countingSource(probe)] }),
    ).rejects.toThrow(/both claim the name/);
  });
});

describe("ConnectorService.Describe", () => {
  it("lists every hosted plugin with its kind, version and config definitions", async () => {
    const response = await unary<DescribeResponse>((done) =>
      client(ConnectorServiceClient).describe({}, done),
    );
    expect(response.plugins.map((p) => [p.className, p.kind, p.version, p.aliases])).toEqual([
      ["org.example.CountingSourceConnector", PluginKind.PLUGIN_KIND_SOURCE, "1.2.3", ["CountingSource"]],
      ["org.example.MemorySinkConnector", PluginKind.PLUGIN_KIND_SINK, "0.0.1", ["MemorySink"]],
    ]);
    expect(response.plugins[0]?.configs.map((c) => [c.name, c.required, c.defaultValue])).toEqual([
      ["topic", true, undefined],
      ["batch.size", false, "2"],
      ["streams", false, "1"],
      ["fail.at.batch", false, undefined],
    ]);
    expect(server.description).toEqual(response);
  });
});

describe("ConnectorService.Validate", () => {
  it("reports each key's errors: missing, unparsable, breaking a rule", async () => {
    const response = await unary<ValidateResponse>((done) =>
      client(ConnectorServiceClient).validate(
        { plugin: "CountingSource", config: { "batch.size": "0", streams: "many", "tasks.max": "1" } },
        done,
      ),
    );
    expect(Object.fromEntries(response.values.map((v) => [v.name, v.errors]))).toEqual({
      topic: ['Missing required configuration "topic" which has no default value.'],
      "batch.size": ["Invalid value 0 for configuration batch.size: Value must be at least 1"],
      streams: ["Invalid value many for configuration streams: Not a number of type INT"],
      "fail.at.batch": [],
    });
  });

  it("adds the plugin's own checks once every key is valid", async () => {
    const response = await unary<ValidateResponse>((done) =>
      client(ConnectorServiceClient).validate(
        { plugin: "CountingSource", config: { topic: "_internal" } },
        done,
      ),
    );
    expect(response.values.find((v) => v.name === "topic")?.errors).toEqual([
      "topics starting with _ are internal",
    ]);
  });

  it("answers NOT_FOUND for an unknown plugin, naming the hosted ones", async () => {
    const error = await unaryError((done) =>
      client(ConnectorServiceClient).validate({ plugin: "FileStreamSource", config: {} }, done),
    );
    expect(error.code).toBe(status.NOT_FOUND);
    expect(error.details).toMatch(
      /no plugin "FileStreamSource".*org\.example\.CountingSourceConnector.*MemorySink/,
    );
  });
});

describe("ConnectorService.Plan", () => {
  it.each([
    [3, 2, 2],
    [3, 5, 3],
    [1, 1, 1],
  ])("splits %i streams into at most max_tasks=%i tasks (%i)", async (streams, maxTasks, expected) => {
    const response = await unary<PlanResponse>((done) =>
      client(ConnectorServiceClient).plan(
        {
          plugin: "CountingSource",
          connectorName: "c1",
          config: { topic: "t", streams: String(streams) },
          maxTasks,
        },
        done,
      ),
    );
    expect(response.tasks).toHaveLength(expected);
    expect(response.tasks[0]?.config).toEqual({ topic: "t", streams: String(streams), "stream.id": "0" });
  });

  it("refuses an invalid config with INVALID_ARGUMENT listing the problems", async () => {
    const error = await unaryError((done) =>
      client(ConnectorServiceClient).plan(
        { plugin: "CountingSource", connectorName: "c1", config: {}, maxTasks: 1 },
        done,
      ),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/topic: Missing required configuration/);
  });

  it("refuses max_tasks below 1", async () => {
    const error = await unaryError((done) =>
      client(ConnectorServiceClient).plan(
        { plugin: "CountingSource", connectorName: "c1", config: { topic: "t" }, maxTasks: 0 },
        done,
      ),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });
});

describe("SourceService.Read", () => {
  const open = (offsets: ReadRequest = { message: undefined }): ReadRequest =>
    offsets.message !== undefined
      ? offsets
      : {
          message: {
            $case: "open",
            value: {
              plugin: "CountingSource",
              connectorName: "c1",
              taskId: 0,
              config: { topic: "t" },
              offsets: [],
            },
          },
        };

  it("sends no more batches than credited, numbered from 1", async () => {
    const stream = openRead();
    stream.send(open());
    stream.send({ message: { $case: "credit", value: { batches: 2 } } });
    await stream.waitForResponses(2);
    // The ack is handled after both batches were sent; had the server read ahead, a third pull would be seen.
    stream.send({ message: { $case: "ack", value: { throughSequence: 2n } } });
    await vi.waitFor(() => expect(sourceProbe.commits).toHaveLength(1), WAIT);
    expect(sourceProbe.pulls).toBe(2);
    expect(batchesOf(stream.responses)).toEqual([
      { sequence: 1n, values: ["record-0", "record-1"] },
      { sequence: 2n, values: ["record-2", "record-3"] },
    ]);

    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    await stream.waitForResponses(3);
    expect(batchesOf(stream.responses)[2]).toEqual({ sequence: 3n, values: ["record-4", "record-5"] });
    stream.call.end();
    expect((await stream.waitForStatus()).code).toBe(status.OK);
  });

  it("packs a batch of flat records into one run, with the last record's offset", async () => {
    const stream = openRead();
    const opened = open();
    if (opened.message?.$case === "open") opened.message.value.config = { topic: "t", "batch.size": "6" };
    stream.send(opened);
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    const [response] = await stream.waitForResponses(1);
    const batch = response?.message?.$case === "batch" ? response.message.value : expect.unreachable();
    expect(batch.records).toEqual([]);
    expect(batch.packed.map((run) => run.values.map(String))).toEqual([
      ["record-0", "record-1", "record-2", "record-3", "record-4", "record-5"],
    ]);
    expect(fromValue(batch.packed[0]?.lastSourceOffset)).toEqual({ n: 5n });
    stream.call.end();
    expect((await stream.waitForStatus()).code).toBe(status.OK);
  });

  it("passes cumulative acks to commit with the newest offset per partition", async () => {
    const stream = openRead();
    stream.send(open());
    stream.send({ message: { $case: "credit", value: { batches: 3 } } });
    await stream.waitForResponses(3);
    stream.send({ message: { $case: "ack", value: { throughSequence: 2n } } });
    stream.send({ message: { $case: "ack", value: { throughSequence: 1n } } });
    stream.send({ message: { $case: "ack", value: { throughSequence: 3n } } });
    await vi.waitFor(() => expect(sourceProbe.commits.at(-1)?.throughSequence).toBe(3n), WAIT);
    const committed = sourceProbe.commits.map((c) => [c.throughSequence, c.offsets.map((o) => o.offset)]);
    expect(committed[0]).toEqual([2n, [{ n: 3n }]]);
    expect(committed.at(-1)).toEqual([3n, [{ n: 5n }]]);
    stream.call.end();
    await stream.waitForStatus();
  });

  it("resumes after the offsets given in open", async () => {
    const stream = openRead();
    stream.send({
      message: {
        $case: "open",
        value: {
          plugin: "org.example.CountingSourceConnector",
          connectorName: "c1",
          taskId: 0,
          config: { topic: "t" },
          offsets: [{ partition: toValue({ stream: "0" }), offset: toValue({ n: 41 }) }],
        },
      },
    });
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    await stream.waitForResponses(1);
    expect(batchesOf(stream.responses)).toEqual([{ sequence: 1n, values: ["record-42", "record-43"] }]);
    const record =
      stream.responses[0]?.message?.$case === "batch"
        ? stream.responses[0].message.value.records[0]
        : undefined;
    expect(fromValue(record?.sourceOffset)).toEqual({ n: 42n });
    stream.call.end();
    await stream.waitForStatus();
  });

  it("stops the plugin's reader when the worker ends the stream", async () => {
    const stream = openRead();
    stream.send(open());
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    await stream.waitForResponses(1);
    stream.call.cancel();
    await vi.waitFor(() => expect(sourceProbe.closedTasks).toBe(1), WAIT);
  });

  it("reports a plugin failure in the stream with its kind, then ends", async () => {
    const stream = openRead();
    stream.send({
      message: {
        $case: "open",
        value: {
          plugin: "CountingSource",
          connectorName: "c1",
          taskId: 0,
          config: { topic: "t", "fail.at.batch": "2" },
          offsets: [],
        },
      },
    });
    stream.send({ message: { $case: "credit", value: { batches: 5 } } });
    expect((await stream.waitForStatus()).code).toBe(status.OK);
    const last = stream.responses.at(-1);
    expect(stream.responses).toHaveLength(2);
    expect(last?.message?.$case === "error" ? last.message.value : undefined).toMatchObject({
      kind: ErrorKind.ERROR_KIND_RETRIABLE,
      message: "counter 0 hiccupped",
      errorClass: "RetriableError",
    });
  });

  it("refuses a stream that does not start with open", async () => {
    const stream = openRead();
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    const final = await stream.waitForStatus();
    expect(final.code).toBe(status.INVALID_ARGUMENT);
    expect(final.details).toMatch(/first ReadRequest must be open, not credit/);
  });

  it("refuses an ack of a batch never sent", async () => {
    const stream = openRead();
    stream.send(open());
    stream.send({ message: { $case: "ack", value: { throughSequence: 1n } } });
    expect((await stream.waitForStatus()).code).toBe(status.INVALID_ARGUMENT);
  });

  it("answers NOT_FOUND when open names a sink plugin", async () => {
    const stream = openRead();
    stream.send({
      message: {
        $case: "open",
        value: { plugin: "MemorySink", connectorName: "c1", taskId: 0, config: {}, offsets: [] },
      },
    });
    const final = await stream.waitForStatus();
    expect(final.code).toBe(status.NOT_FOUND);
    const carried = final.metadata?.get(CONNECTOR_ERROR_METADATA_KEY)[0];
    expect(carried instanceof Buffer ? ConnectorError.decode(carried).kind : undefined).toBe(
      ErrorKind.ERROR_KIND_FATAL,
    );
  });
});

describe("SinkService.Write", () => {
  const open: WriteRequest = {
    message: {
      $case: "open",
      value: {
        plugin: "MemorySink",
        connectorName: "s1",
        taskId: 0,
        config: {},
        assigned: [{ topic: "t", partition: 0 }],
      },
    },
  };
  const batch = (sequence: bigint, values: string[]): WriteRequest => ({
    message: {
      $case: "batch",
      value: {
        sequence,
        records: values.map((v) =>
          sourceRecord({
            topic: "t",
            sourcePartition: toValue(null),
            sourceOffset: toValue(null),
            value: toValue(v),
          }),
        ),
        packed: [],
      },
    },
  });
  /** `values` as one packed run read from partition t/0 at offsets 100…, as the worker sends flat records. */
  const packedRun = (values: string[]): PackedRecords => ({
    topic: "t",
    kafkaPartition: 0,
    keySchema: undefined,
    keys: [],
    valueSchema: STRING_SCHEMA,
    values: values.map((value) => Buffer.from(value)),
    timestampBaseMs: 1_795_614_719_000n,
    timestampDeltasMs: [],
    sourcePartition: undefined,
    lastSourceOffset: undefined,
    unsampled: false,
    kafkaBaseOffset: 100n,
    kafkaOffsetDeltas: [],
  });

  it("hands a packed batch's records to the plugin, and counts a refused record's index across the runs", async () => {
    const stream = openWrite();
    stream.send(open);
    stream.send({
      message: {
        $case: "batch",
        value: { sequence: 1n, records: [], packed: [packedRun(["a", "b"]), packedRun(["c"])] },
      },
    });
    stream.send({
      message: {
        $case: "batch",
        value: { sequence: 2n, records: [], packed: [packedRun(["d"]), packedRun(["bad"])] },
      },
    });
    const responses = await stream.waitForResponses(2);
    expect(responses.map((r) => r.message)).toEqual([
      { $case: "ack", value: { sequence: 1n } },
      { $case: "error", value: { sequence: 2n, error: expect.objectContaining({ recordIndex: 1 }) } },
    ]);
    expect(sinkProbe.accepted).toEqual(["a", "b", "c", "d"]);
    stream.call.end();
    expect((await stream.waitForStatus()).code).toBe(status.OK);
  });

  it("refuses a batch that sets both forms", async () => {
    const stream = openWrite();
    stream.send(open);
    const both = batch(1n, ["a"]);
    if (both.message?.$case === "batch") both.message.value.packed = [packedRun(["b"])];
    stream.send(both);
    const final = await stream.waitForStatus();
    expect(final.code).toBe(status.INVALID_ARGUMENT);
    expect(final.details).toContain("sets both records and packed");
    expect(sinkProbe.accepted).toEqual([]);
  });

  it("acks batches in order, reports a bad record by index, and flushes on request", async () => {
    const stream = openWrite();
    stream.send(open);
    stream.send(batch(1n, ["a", "b"]));
    stream.send(batch(2n, ["c", "bad", "d"]));
    stream.send(batch(3n, ["busy"]));
    stream.send(batch(4n, ["d"]));
    stream.send({ message: { $case: "flush", value: { throughSequence: 4n } } });
    const responses = await stream.waitForResponses(5);
    expect(responses.map((r) => r.message)).toEqual([
      { $case: "ack", value: { sequence: 1n } },
      {
        $case: "error",
        value: {
          sequence: 2n,
          error: expect.objectContaining({
            kind: ErrorKind.ERROR_KIND_FATAL,
            recordIndex: 1,
            message: 'cannot store "bad"',
          }),
        },
      },
      {
        $case: "error",
        value: {
          sequence: 3n,
          error: expect.objectContaining({ kind: ErrorKind.ERROR_KIND_RETRIABLE, recordIndex: undefined }),
        },
      },
      { $case: "ack", value: { sequence: 4n } },
      { $case: "flushed", value: { throughSequence: 4n } },
    ]);
    expect(sinkProbe.accepted).toEqual(["a", "b", "c", "d"]);
    expect(sinkProbe.flushedCount).toBe(4);
    stream.call.end();
    expect((await stream.waitForStatus()).code).toBe(status.OK);
    expect(sinkProbe.closedTasks).toBe(1);
  });

  it("passes partition changes to the task", async () => {
    const stream = openWrite();
    stream.send(open);
    stream.send({
      message: { $case: "partitions", value: { assigned: [{ topic: "t", partition: 1 }], revoked: [] } },
    });
    stream.send(batch(1n, ["x"]));
    await stream.waitForResponses(1);
    expect(sinkProbe.partitionChanges).toEqual([{ assigned: [{ topic: "t", partition: 1 }], revoked: [] }]);
    stream.call.end();
    await stream.waitForStatus();
  });

  it("refuses a batch out of sequence", async () => {
    const stream = openWrite();
    stream.send(open);
    stream.send(batch(2n, ["x"]));
    const final = await stream.waitForStatus();
    expect(final.code).toBe(status.INVALID_ARGUMENT);
    expect(final.details).toMatch(/expected batch 1, got batch 2/);
    expect(sinkProbe.closedTasks).toBe(1);
  });

  it("refuses a flush past the last batch", async () => {
    const stream = openWrite();
    stream.send(open);
    stream.send({ message: { $case: "flush", value: { throughSequence: 1n } } });
    expect((await stream.waitForStatus()).code).toBe(status.INVALID_ARGUMENT);
  });
});

describe("health and reflection", () => {
  it("reports SERVING while running and NOT_SERVING once stopping", async () => {
    const check = loadMethod(healthProtoPath, "grpc.health.v1.Health", "Check");
    const watchMethod = loadMethod(healthProtoPath, "grpc.health.v1.Health", "Watch");
    const checked = await new Promise<object>((resolve, reject) =>
      generic().makeUnaryRequest(
        check.path,
        check.requestSerialize,
        check.responseDeserialize,
        { service: "" },
        (error, response) => (error || response === undefined ? reject(error) : resolve(response)),
      ),
    );
    expect(checked).toEqual({ status: "SERVING" });

    const watched: object[] = [];
    const watch = generic().makeServerStreamRequest(
      watchMethod.path,
      watchMethod.requestSerialize,
      watchMethod.responseDeserialize,
      { service: "connectmesh.v1.SourceService" },
    );
    watch.on("data", (message: object) => watched.push(message));
    watch.on("error", () => undefined);
    await vi.waitFor(() => expect(watched).toEqual([{ status: "SERVING" }]), WAIT);
    const stopping = server.stop({ graceful: true });
    await vi.waitFor(() => expect(watched.at(-1)).toEqual({ status: "NOT_SERVING" }), WAIT);
    await stopping;
  });

  it("lists the served services through reflection", async () => {
    const reflectionProto = join(
      dirname(createRequire(import.meta.url).resolve("@grpc/reflection")),
      "../proto/grpc/reflection/v1/reflection.proto",
    );
    const info = loadMethod(reflectionProto, "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo");
    const stream = generic().makeBidiStreamRequest(
      info.path,
      info.requestSerialize,
      info.responseDeserialize,
    );
    const response = await new Promise<object>((resolve, reject) => {
      stream.on("data", resolve);
      stream.on("error", reject);
      stream.write({ list_services: "" });
    });
    stream.end();
    expect(response).toMatchObject({
      list_services_response: {
        service: expect.arrayContaining([
          { name: "connectmesh.v1.ConnectorService" },
          { name: "connectmesh.v1.SourceService" },
          { name: "connectmesh.v1.SinkService" },
          { name: "grpc.health.v1.Health" },
        ]),
      },
    });
  });
});

describe("ConnectorServer.stop", () => {
  it("lets an open stream end on its own before shutting down, when graceful", async () => {
    const stream = openRead();
    stream.send({
      message: {
        $case: "open",
        value: {
          plugin: "CountingSource",
          connectorName: "c1",
          taskId: 0,
          config: { topic: "t" },
          offsets: [],
        },
      },
    });
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    await stream.waitForResponses(1);
    let isStopped = false;
    const stopping = server.stop({ graceful: true }).then(() => {
      isStopped = true;
    });
    // Still serving the open stream: more credit still yields a batch.
    stream.send({ message: { $case: "credit", value: { batches: 1 } } });
    await stream.waitForResponses(2);
    expect(isStopped).toBe(false);
    stream.call.end();
    await stopping;
    expect((await stream.waitForStatus()).code).toBe(status.OK);
    expect(sourceProbe.closedTasks).toBe(1);
  });
});

/** A client with no service of its own, for calls described by a loaded .proto file. */
function generic(): Client {
  const created = new Client(server.address, credentials.createInsecure());
  clients.push(created);
  return created;
}

/** One method of a service in a .proto file, with serializers for plain objects (enums as names). */
function loadMethod(protoFile: string, service: string, method: string): MethodDefinition<object, object> {
  const definition = loadSync(protoFile, { keepCase: true, enums: String, defaults: true })[service];
  const found =
    definition !== undefined && !("format" in definition)
      ? (definition as ServiceDefinition)[method]
      : undefined;
  if (found === undefined) throw new Error(`${protoFile} defines no method ${service}.${method}`);
  return found;
}

async function unary<T>(
  call: (done: (error: ServiceError | null, response: T) => void) => unknown,
): Promise<T> {
  return new Promise((resolve, reject) => {
    call((error, response) => (error ? reject(error) : resolve(response)));
  });
}

async function unaryError<T>(
  call: (done: (error: ServiceError | null, response: T) => void) => unknown,
): Promise<ServiceError> {
  return new Promise((resolve, reject) => {
    call((error) =>
      error ? resolve(error) : reject(new Error("expected the call to fail, but it succeeded")),
    );
  });
}
