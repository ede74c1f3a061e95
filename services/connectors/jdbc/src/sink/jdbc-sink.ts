import { defineSinkPlugin, type SinkPlugin } from "@connect-mesh/connector-sdk";
import { JDBC_CONNECTOR_VERSION } from "../version.js";
import { JdbcSinkTask } from "./jdbc-sink-task.js";
import { type JdbcSinkConfig, jdbcSinkConfig } from "./sink-config.js";
import { assertSinkConfig } from "./sink-config-rules.js";
import { validateSink } from "./sink-validate.js";

/** Confluent's JdbcSinkConnector's class name, which users write in connector.class. */
export const JDBC_SINK_CLASS = "io.confluent.connect.jdbc.JdbcSinkConnector";

/**
 * Confluent's JDBC sink for MariaDB/MySQL and PostgreSQL: writes each record's STRUCT value as a row of the
 * table `table.name.format` names, by INSERT, upsert or UPDATE, deleting on tombstones with
 * `delete.enabled`, creating and widening tables with `auto.create` and `auto.evolve`. Like Confluent's, it
 * plans `tasks.max` identical tasks; the runtime shares the topics' partitions among them.
 */
export function jdbcSink(): SinkPlugin<JdbcSinkConfig> {
  return defineSinkPlugin({
    className: JDBC_SINK_CLASS,
    aliases: ["JdbcSinkConnector", "JdbcSink"],
    version: JDBC_CONNECTOR_VERSION,
    description: "Writes records from Kafka topics into database tables (MariaDB/MySQL, PostgreSQL)",
    config: jdbcSinkConfig,
    validate: ({ config, raw, signal }) => validateSink(config, raw, signal),
    plan: ({ config, raw, maxTasks }) => {
      assertSinkConfig(config);
      return Array.from({ length: maxTasks }, () => ({ ...raw }));
    },
    open: async (task) => {
      const config = jdbcSinkConfig.parse(task.config);
      assertSinkConfig(config);
      return JdbcSinkTask.open(config, task);
    },
  });
}
