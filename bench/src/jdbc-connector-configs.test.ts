import { describe, expect, it } from "vitest";
import { jdbcSinkConfig, jdbcSourceConfig } from "./jdbc-connector-configs.js";

describe("jdbcSourceConfig", () => {
  it("reads one MariaDB table by its incrementing id as root, into topic prefix + table", () => {
    const config = jdbcSourceConfig({
      mariadbPort: 3307,
      database: "bench",
      table: "jdbc_e_1",
      topicPrefix: "bench_",
      batchMaxRows: 1_000,
    });
    expect(config).toMatchObject({
      "connection.url": "jdbc:mariadb://127.0.0.1:3307/bench?user=root",
      mode: "incrementing",
      "incrementing.column.name": "id",
      "table.whitelist": "jdbc_e_1",
      "topic.prefix": "bench_",
      "batch.max.rows": "1000",
      "value.converter.schemas.enable": "true",
    });
  });
});

describe("jdbcSinkConfig", () => {
  it("upserts on the value's id into a table it creates, named after the topic", () => {
    const config = jdbcSinkConfig({ postgresPort: 5433, topic: "bench_jdbc_e_1" });
    expect(config).toMatchObject({
      "connection.url": "jdbc:postgresql://127.0.0.1:5433/postgres",
      "connection.user": "postgres",
      topics: "bench_jdbc_e_1",
      "insert.mode": "upsert",
      "pk.mode": "record_value",
      "pk.fields": "id",
      "auto.create": "true",
    });
    expect(config["table.name.format"]).toBeUndefined();
  });
});
