import { resolve } from "node:path";
import { defineConfig, defineSinkPlugin, type SinkPlugin, validators } from "@connect-mesh/connector-sdk";
import { FileSinkTask } from "./file-sink-task.js";
import { FILE_CONNECTOR_VERSION } from "./version.js";

/**
 * FileStreamSink's own config key, as in Kafka Connect. `topics` and `topics.regex` are the runtime's
 * keys (it validates them and subscribes); the plugin passes them through untouched.
 */
export const fileStreamSinkConfig = defineConfig({
  file: {
    type: "string",
    importance: "high",
    documentation:
      "Destination filename. A relative path resolves against the directory the mesh was started in " +
      "(CONNECT_MESH_BASE_DIR). Unlike Kafka Connect, standard output is not supported, so it is required.",
    validators: [validators.nonEmpty()],
  },
});

/** FileStreamSink's parsed config. */
export type FileStreamSinkConfig = ReturnType<typeof fileStreamSinkConfig.parse>;

/** Where the sink writes. */
export interface FileStreamSinkOptions {
  /** The directory a relative `file` resolves against. */
  readonly baseDir: string;
}

/** Kafka Connect's FileStreamSinkConnector's class name, which users write in connector.class. */
export const FILE_STREAM_SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";

/**
 * Kafka Connect's FileStreamSink: appends each record's value as a line of text (see `renderValue`).
 * Like Connect, it plans `tasks.max` identical tasks that all append to the one file; each task appends
 * whole batches, so lines never mix, but their order across tasks follows whichever task writes first.
 */
export function fileStreamSink(options: FileStreamSinkOptions): SinkPlugin<FileStreamSinkConfig> {
  return defineSinkPlugin({
    className: FILE_STREAM_SINK_CLASS,
    aliases: ["FileStreamSink", "FileStreamSinkConnector"],
    version: FILE_CONNECTOR_VERSION,
    description: "Appends the values of records from Kafka to a file, one line each",
    config: fileStreamSinkConfig,
    plan: ({ raw, maxTasks }) => Array.from({ length: maxTasks }, () => ({ ...raw })),
    open: async (task) => {
      const config = fileStreamSinkConfig.parse(task.config);
      const path = resolve(options.baseDir, config.file);
      task.logger.info({ file: path }, "appending to the file");
      return FileSinkTask.open(path);
    },
  });
}
