// A correct connector service built on the SDK: a counting source and a memory sink. The kit must pass
// it, which shows the checks ask for nothing the contract does not.
import {
  type ConnectorServer,
  defineConfig,
  defineSinkPlugin,
  defineSourcePlugin,
  FatalError,
  fromValue,
  sourceRecord,
  startConnectorServer,
  toValue,
  validators,
} from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, Schema, SchemaType } from "@connect-mesh/proto";

/** The source's class name. */
const STRING_SCHEMA = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING });

export const COUNTING_SOURCE = "org.example.conformance.CountingSourceConnector";
/** The sink's class name. */
export const MEMORY_SINK = "org.example.conformance.MemorySinkConnector";

const sourceConfig = defineConfig({
  topic: {
    type: "string",
    importance: "high",
    documentation: "Where records go.",
    validators: [validators.nonEmpty()],
  },
  "batch.size": {
    type: "int",
    default: 2,
    documentation: "Records per batch.",
    validators: [validators.range({ min: 1, max: 1000 })],
  },
  "emit.nulls": { type: "boolean", default: false, documentation: "Unused; a BOOLEAN key to validate." },
});

const sinkConfig = defineConfig({
  "reject.writes": {
    type: "boolean",
    default: false,
    importance: "low",
    documentation: "Refuse every batch as bad data (to test error reporting).",
  },
  "max.records": { type: "long", default: 1000n, documentation: "The most records kept in memory." },
});

/** What the memory sink holds: values accepted, and those made durable by a flush. */
export interface MemoryStore {
  readonly accepted: string[];
  readonly durable: string[];
}

/** Starts the SDK connector service on a loopback port; `store` sees what the sink keeps. */
export async function startSdkConnector(store: MemoryStore): Promise<ConnectorServer> {
  const source = defineSourcePlugin({
    className: COUNTING_SOURCE,
    aliases: ["CountingSource"],
    version: "1.0.0",
    description: "Counts forever, one partition",
    config: sourceConfig,
    plan: ({ raw }) => [{ ...raw }],
    async *read(task) {
      const { topic, batchSize } = sourceConfig.parse(task.config);
      const partition = { counter: "main" };
      const stored = fromValue(toValue(task.offsetFor(partition) ?? null));
      let n = typeof stored === "object" && stored !== null && "n" in stored ? Number(stored.n) + 1 : 0;
      while (!task.signal.aborted) {
        const records: ConnectRecord[] = [];
        for (let i = 0; i < batchSize; i++, n++) {
          records.push(
            sourceRecord({
              topic,
              sourcePartition: toValue(partition),
              sourceOffset: toValue({ n }),
              value: toValue(`record-${n}`),
              // A schema makes the values flat, so that batches of 4 or more go in the packed form.
              valueSchema: STRING_SCHEMA,
            }),
          );
        }
        yield records;
      }
    },
  });
  const sink = defineSinkPlugin({
    className: MEMORY_SINK,
    aliases: ["MemorySink"],
    version: "1.0.0",
    description: "Keeps record values in memory",
    config: sinkConfig,
    plan: ({ raw, maxTasks }) => Array.from({ length: maxTasks }, () => ({ ...raw })),
    async open(task) {
      const { rejectWrites } = sinkConfig.parse(task.config);
      let pending: string[] = [];
      return {
        async write(records) {
          if (rejectWrites) throw new FatalError("this sink refuses every record", { recordIndex: 0 });
          const values = records.map((record) => String(fromValue(record.value)));
          pending.push(...values);
          store.accepted.push(...values);
        },
        async flush() {
          store.durable.push(...pending);
          pending = [];
        },
        async close() {
          pending = [];
        },
      };
    },
  });
  return startConnectorServer({ plugins: [source, sink], host: "127.0.0.1", port: 0, gracePeriodMs: 1_000 });
}
