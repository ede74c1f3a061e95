import { resolve } from "node:path";
import {
  ConfigError,
  type ConfigProblem,
  defineConfig,
  defineSourcePlugin,
  FatalError,
  type PlainMap,
  type PlainValue,
  type SourcePlugin,
  type SourceTaskContext,
  sourceRecord,
  toValue,
  validators,
} from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, Schema, SchemaType } from "@connect-mesh/proto";
import { tailFile } from "./file-tail.js";
import { FILE_CONNECTOR_VERSION } from "./version.js";

/** FileStreamSource's config keys, as in Kafka Connect (batch.size defaults to Connect's 2000). */
export const fileStreamSourceConfig = defineConfig({
  file: {
    type: "string",
    importance: "high",
    documentation:
      "Source filename. A relative path resolves against the directory the mesh was started in " +
      "(CONNECT_MESH_BASE_DIR). Unlike Kafka Connect, standard input is not supported, so it is required.",
    validators: [validators.nonEmpty()],
  },
  topic: {
    type: "string",
    importance: "high",
    documentation: "The topic to publish data to",
    validators: [validators.nonEmpty()],
  },
  "batch.size": {
    type: "int",
    default: 2000,
    importance: "low",
    documentation:
      "The maximum number of records the source task can read from the file each time it is polled",
    validators: [validators.range({ min: 1 })],
  },
});

/** FileStreamSource's parsed config. */
export type FileStreamSourceConfig = ReturnType<typeof fileStreamSourceConfig.parse>;

/** Where and how the source reads; the tuning knobs exist for tests and are not user config. */
export interface FileStreamSourceOptions {
  /** The directory a relative `file` resolves against. */
  readonly baseDir: string;
  /** How often to look for new data at the end of the file; 1000 ms by default, as Connect waits. */
  readonly pollIntervalMs?: number;
  /** Bytes read at a time; 64 KiB by default. */
  readonly chunkBytes?: number;
  /** The longest line accepted; 16 MiB by default. */
  readonly maxLineBytes?: number;
}

/** Kafka Connect's FileStreamSourceConnector's class name, which users write in connector.class. */
export const FILE_STREAM_SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";

const STRING_SCHEMA = Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING });

/**
 * Kafka Connect's FileStreamSource: follows a text file and produces one record per line to one topic,
 * with a null key, a STRING value (the line without its terminator), the source partition
 * `{"filename": <file as configured>}` and the offset `{"position": <byte position after the line>}`,
 * so that a restart resumes right after the last line stored. Always one task, as in Connect.
 */
export function fileStreamSource(options: FileStreamSourceOptions): SourcePlugin<FileStreamSourceConfig> {
  return defineSourcePlugin({
    className: FILE_STREAM_SOURCE_CLASS,
    aliases: ["FileStreamSource", "FileStreamSourceConnector"],
    version: FILE_CONNECTOR_VERSION,
    description: "Reads lines from a file, following it as it grows, into one Kafka topic",
    config: fileStreamSourceConfig,
    validate: ({ config }) => topicProblems(config.topic),
    plan: ({ config, raw }) => {
      const problems = topicProblems(config.topic);
      if (problems.length > 0) throw new ConfigError("the FileStreamSource config", problems);
      // One task reads the one file; Connect hands it the connector's whole config.
      return [{ ...raw }];
    },
    read: (task) => readLines(task, options),
  });
}

function topicProblems(topic: string): ConfigProblem[] {
  return topic.includes(",")
    ? [
        {
          key: "topic",
          message: "'topic' in FileStreamSourceConnector configuration requires definition of a single topic",
        },
      ]
    : [];
}

async function* readLines(
  task: SourceTaskContext,
  options: FileStreamSourceOptions,
): AsyncGenerator<ConnectRecord[]> {
  const config = fileStreamSourceConfig.parse(task.config);
  // The partition names the file as configured, as Connect's does, so stored offsets survive a change of base directory.
  const partition = { filename: config.file };
  const sourcePartition = toValue(partition);
  const path = resolve(options.baseDir, config.file);
  const startPosition = positionOf(task.offsetFor(partition));
  task.logger.info({ file: path, position: startPosition }, "following the file");
  const lines = tailFile({
    path,
    startPosition,
    maxBatchLines: config.batchSize,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    chunkBytes: options.chunkBytes ?? 64 * 1024,
    maxLineBytes: options.maxLineBytes ?? 16 * 1024 * 1024,
    signal: task.signal,
    logger: task.logger,
  });
  for await (const batch of lines) {
    // Connect stamps each record with the time it was read; one clock reading per batch is as good.
    const timestampMs = BigInt(Date.now());
    yield batch.map((line) =>
      sourceRecord({
        topic: config.topic,
        sourcePartition,
        sourceOffset: toValue({ position: line.end }),
        value: { kind: { $case: "stringValue", value: line.text } },
        valueSchema: STRING_SCHEMA,
        timestampMs,
      }),
    );
  }
}

/** The byte position a stored offset names; 0 without one, as Connect starts a file with no offset at 0. */
function positionOf(offset: PlainValue | undefined): number {
  const position = offset !== undefined && isPlainMap(offset) ? offset.position : undefined;
  if (position === undefined || position === null) return 0;
  if ((typeof position === "bigint" || typeof position === "number") && position >= 0) {
    const asNumber = Number(position);
    if (Number.isSafeInteger(asNumber)) return asNumber;
  }
  throw new FatalError(
    `Offset position is the incorrect type: ${String(position)}; expected a non-negative integer. ` +
      "Reset the connector's offsets (DELETE /connectors/<name>/offsets) to start the file again",
  );
}

function isPlainMap(value: PlainValue): value is PlainMap {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}
