import { JSON_WITH_SCHEMAS } from "./connector-configs.js";
import { POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER } from "./postgres-target-table.js";

/** Row E's source: one table of `database` read by its AUTO_INCREMENT id into topic `topicPrefix` + table. */
export function jdbcSourceConfig(settings: {
  readonly mariadbPort: number;
  readonly database: string;
  readonly table: string;
  readonly topicPrefix: string;
  readonly batchMaxRows: number;
}): Record<string, string> {
  return {
    "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
    "tasks.max": "1",
    "connection.url": `jdbc:mariadb://127.0.0.1:${settings.mariadbPort}/${settings.database}?user=root`,
    mode: "incrementing",
    "incrementing.column.name": "id",
    "table.whitelist": settings.table,
    "topic.prefix": settings.topicPrefix,
    "batch.max.rows": String(settings.batchMaxRows),
    ...JSON_WITH_SCHEMAS,
  };
}

/**
 * Row E's sink: the topic's records upserted on their `id` into a PostgreSQL table it creates, named after
 * the topic (table.name.format's default).
 */
export function jdbcSinkConfig(settings: {
  readonly postgresPort: number;
  readonly topic: string;
}): Record<string, string> {
  return {
    "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
    "tasks.max": "1",
    "connection.url": `jdbc:postgresql://127.0.0.1:${settings.postgresPort}/${POSTGRES_DATABASE}`,
    "connection.user": POSTGRES_USER,
    "connection.password": POSTGRES_PASSWORD,
    topics: settings.topic,
    "insert.mode": "upsert",
    "pk.mode": "record_value",
    "pk.fields": "id",
    "auto.create": "true",
    ...JSON_WITH_SCHEMAS,
  };
}
