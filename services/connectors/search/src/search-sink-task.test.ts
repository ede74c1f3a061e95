import {
  FatalError,
  type Logger,
  RetriableError,
  type SinkTaskContext,
  silentLogger,
  toValue,
} from "@connect-mesh/connector-sdk";
import { Record as ConnectRecord, Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { BulkItem } from "./bulk-outcome.js";
import type { FieldMapping } from "./index-mapping.js";
import type { SearchClient } from "./search-client.js";
import { SearchSinkTask } from "./search-sink-task.js";
import { searchSinkConfig } from "./sink-config.js";
import { searchSinkSettings } from "./sink-settings.js";

const NAME_SCHEMA = Schema.fromPartial({
  type: SchemaType.SCHEMA_TYPE_STRUCT,
  fields: [{ name: "name", index: 0, schema: { type: SchemaType.SCHEMA_TYPE_STRING } }],
});

const NAME_MAPPING = {
  properties: { name: { type: "text", fields: { keyword: { type: "keyword", ignore_above: 256 } } } },
};

const MALFORMED: BulkItem = {
  status: 400,
  error: { type: "mapper_parsing_exception", reason: "failed to parse field [name]" },
};

/** Record `n` of a topic: key `k<n>` (its document id), offset n, a struct value with or without its schema. */
function record(n: number, options: { topic?: string; isSchemaless?: boolean } = {}): ConnectRecord {
  const topic = options.topic ?? "orders";
  return ConnectRecord.fromPartial({
    topic,
    key: toValue(`k${n}`),
    value: { kind: { $case: "structValue", value: { fields: [{ name: "name", value: toValue(`n${n}`) }] } } },
    valueSchema: options.isSchemaless === true ? undefined : NAME_SCHEMA,
    kafkaPosition: { topic, partition: 0, offset: BigInt(n) },
  });
}

/** A stand-in engine: keeps the indexes prepared and the ids of each bulk request; writes every document not in `failures`. */
class FakeEngine {
  readonly prepared: [string, FieldMapping | undefined][] = [];
  readonly requests: string[][] = [];
  readonly failures = new Map<string, BulkItem>();
  prepareFailure: Error | undefined;
  infoFailure: Error | undefined;
  closed = 0;

  readonly client = {
    info: async () => {
      if (this.infoFailure !== undefined) throw this.infoFailure;
      return { distribution: "opensearch", version: "2.15.0" };
    },
    ensureIndex: async (index: string, mapping: FieldMapping | undefined) => {
      if (this.prepareFailure !== undefined) throw this.prepareFailure;
      this.prepared.push([index, mapping]);
    },
    bulk: async (lines: readonly string[]) => {
      const ids = lines.flatMap((line) => {
        const { index, delete: deleted } = JSON.parse(line) as {
          index?: { _id: string };
          delete?: { _id: string };
        };
        const id = (index ?? deleted)?._id;
        return id === undefined ? [] : [id];
      });
      this.requests.push(ids);
      return ids.map((id) => this.failures.get(id) ?? { status: 201 });
    },
    close: async () => {
      this.closed += 1;
    },
  } as unknown as SearchClient;
}

function openTask(
  engine: FakeEngine,
  config: Record<string, string> = {},
  logger: Logger = silentLogger,
): Promise<SearchSinkTask> {
  const settings = searchSinkSettings(
    searchSinkConfig.parse({
      "connection.url": "http://es:9200",
      "max.retries": "0",
      "retry.backoff.ms": "0",
      ...config,
    }),
  );
  const context: SinkTaskContext = {
    connectorName: "search",
    taskId: 0,
    config: {},
    assigned: [],
    signal: new AbortController().signal,
    logger,
  };
  return SearchSinkTask.open(context, settings, () => engine.client);
}

describe("SearchSinkTask", () => {
  it("sends every document, preparing each index once with a mapping made from the schema", async () => {
    const engine = new FakeEngine();
    const task = await openTask(engine);
    await task.write([record(1), record(2), record(3, { topic: "refunds" })]);
    await task.write([record(4)]);
    expect(engine.requests).toEqual([["k1", "k2", "k3"], ["k4"]]);
    expect(engine.prepared).toEqual([
      ["orders", NAME_MAPPING],
      ["refunds", NAME_MAPPING],
    ]);
  });

  it("leaves the mapping to the engine when the topic's schema is ignored", async () => {
    const engine = new FakeEngine();
    const task = await openTask(engine, { "topic.schema.ignore": "orders" });
    await task.write([record(1, { isSchemaless: true }), record(2)]);
    expect(engine.prepared).toEqual([["orders", undefined]]);
    expect(engine.requests).toEqual([["k1", "k2"]]);
  });

  it("names the first malformed record with a FatalError under behavior.on.malformed.documents=fail", async () => {
    const engine = new FakeEngine();
    engine.failures.set("k2", MALFORMED).set("k3", MALFORMED);
    const task = await openTask(engine);
    const attempt = task.write([record(1), record(2), record(3)]);
    await expect(attempt).rejects.toBeInstanceOf(FatalError);
    await expect(attempt).rejects.toMatchObject({
      recordIndex: 1,
      message: expect.stringMatching(
        /record 1 \(topic "orders" partition 0 offset 2\): mapper_parsing_exception/,
      ),
    });
    expect(engine.requests).toHaveLength(1);
  });

  it.each([
    ["ignore", 0],
    ["warn", 1],
  ])(
    "skips a malformed document under behavior.on.malformed.documents=%s",
    async (behavior, warningCount) => {
      const warnings: unknown[] = [];
      const logger = { ...silentLogger, warn: (bindings: object) => warnings.push(bindings) };
      const engine = new FakeEngine();
      engine.failures.set("k2", MALFORMED);
      const task = await openTask(engine, { "behavior.on.malformed.documents": behavior }, logger);
      await task.write([record(1), record(2), record(3)]);
      expect(warnings).toHaveLength(warningCount);
    },
  );

  it("names a record the engine was still too busy for after max.retries with a RetriableError", async () => {
    const engine = new FakeEngine();
    engine.failures.set("k2", { status: 429, error: { type: "es_rejected_execution_exception" } });
    const task = await openTask(engine, { "max.retries": "1" });
    const attempt = task.write([record(1), record(2), record(3)]);
    await expect(attempt).rejects.toBeInstanceOf(RetriableError);
    await expect(attempt).rejects.toMatchObject({ recordIndex: 1 });
    expect(engine.requests).toEqual([["k1", "k2", "k3"], ["k2"]]);
  });

  it("refuses a record without a schema when schema.ignore=false, sending only the records before it", async () => {
    const engine = new FakeEngine();
    const task = await openTask(engine);
    const attempt = task.write([record(1), record(2, { isSchemaless: true }), record(3)]);
    await expect(attempt).rejects.toBeInstanceOf(FatalError);
    await expect(attempt).rejects.toMatchObject({
      recordIndex: 1,
      message: expect.stringMatching(/schema\.ignore=false/),
    });
    // The worker sends record 3 again once it has dealt with record 2.
    expect(engine.requests).toEqual([["k1"]]);
  });

  it("refuses a record without a schema once its index is prepared, too", async () => {
    const engine = new FakeEngine();
    const task = await openTask(engine);
    await expect(task.write([record(1), record(2, { isSchemaless: true })])).rejects.toMatchObject({
      recordIndex: 1,
    });
  });

  it("says which record it refused before sending", async () => {
    const engine = new FakeEngine();
    const task = await openTask(engine);
    await expect(task.write([record(1, { isSchemaless: true })])).rejects.toThrow(
      /^cannot index record 0 \(topic "orders" partition 0 offset 1\): /,
    );
  });

  it("fails the whole batch, sending nothing, when an index cannot be prepared for a passing reason", async () => {
    const engine = new FakeEngine();
    engine.prepareFailure = new RetriableError('cannot prepare index "orders": the engine did not answer');
    const task = await openTask(engine);
    const attempt = task.write([record(1), record(2)]);
    await expect(attempt).rejects.toBeInstanceOf(RetriableError);
    await expect(attempt).rejects.toMatchObject({ recordIndex: undefined });
    expect(engine.requests).toEqual([]);
  });

  it("closes the client when the engine does not answer at open", async () => {
    const engine = new FakeEngine();
    engine.infoFailure = new RetriableError("cannot reach the engine: the engine did not answer");
    await expect(openTask(engine)).rejects.toBe(engine.infoFailure);
    expect(engine.closed).toBe(1);
  });
});
