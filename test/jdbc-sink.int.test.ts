import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { LogicalDecimal } from "@connect-mesh/data";
import { createConnection, type Connection as MysqlConnection } from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { producerSuite, headerText as text } from "./producer-suite.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";
import { readTopic } from "./topic-reader.js";

const restUrl = inject("restUrl");
const mariadbPort = inject("mariadbPort");
const postgresPort = inject("postgresPort");
const { kafka, producer, created } = producerSuite("jdbc-sink-test");

/** The MariaDB database this file's tables go in, dropped at the end. */
const mariadbName = `jdbc_sink_${randomUUID().slice(0, 8)}`;
let mariadb: MysqlConnection;
let postgres: pg.Client;
const postgresTables: string[] = [];

beforeAll(async () => {
  // Every value as the server's text, so both databases are compared alike.
  mariadb = await createConnection({
    host: "127.0.0.1",
    port: mariadbPort,
    user: "root",
    typeCast: (field) => field.string(),
  });
  await mariadb.query(`CREATE DATABASE \`${mariadbName}\``);
  postgres = new pg.Client({
    host: "127.0.0.1",
    port: postgresPort,
    user: "postgres",
    password: "postgres",
    database: "postgres",
    types: { getTypeParser: (() => (value: string) => value) as pg.CustomTypesConfig["getTypeParser"] },
  });
  await postgres.connect();
});

afterAll(async () => {
  await mariadb?.query(`DROP DATABASE IF EXISTS \`${mariadbName}\``);
  await mariadb?.end();
  for (const table of postgresTables) await postgres?.query(`DROP TABLE IF EXISTS "${table}"`);
  await postgres?.end();
});

/** A database the sink writes to: its connection keys and how the test reads a table back. */
interface Target {
  readonly name: string;
  readonly connection: Record<string, string>;
  /** Every row, each column as the server's text, ordered by `orderBy`; empty while the table is missing. */
  rows(table: string, orderBy: string): Promise<Record<string, string | null>[]>;
}

const MARIADB: Target = {
  name: "MariaDB",
  get connection() {
    return { "connection.url": `jdbc:mysql://127.0.0.1:${mariadbPort}/${mariadbName}?user=root` };
  },
  async rows(table, orderBy) {
    const [found] = await mariadb.query(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
      [mariadbName, table],
    );
    if ((found as unknown[]).length === 0) return [];
    const [rows] = await mariadb.query(`SELECT * FROM \`${mariadbName}\`.\`${table}\` ORDER BY ${orderBy}`);
    return rows as Record<string, string | null>[];
  },
};

const POSTGRES: Target = {
  name: "PostgreSQL",
  get connection() {
    return {
      "connection.url": `jdbc:postgresql://127.0.0.1:${postgresPort}/postgres`,
      "connection.user": "postgres",
      "connection.password": "postgres",
    };
  },
  async rows(table, orderBy) {
    const found = await postgres.query("SELECT to_regclass($1) AS name", [`public."${table}"`]);
    if (found.rows[0]?.name === null) return [];
    const result = await postgres.query(`SELECT * FROM public."${table}" ORDER BY ${orderBy}`);
    return result.rows as Record<string, string | null>[];
  },
};

/** A fresh topic, and the table of the same name the sink writes (dropped at the end on PostgreSQL). */
function topicFor(purpose: string, target: Target): string {
  const topic = `jdbc_${purpose}_${randomUUID().slice(0, 8)}`;
  if (target === POSTGRES) postgresTables.push(topic);
  return topic;
}

/** A JdbcSinkConnector over `topic`, deleted after the test. */
async function createSink(topic: string, target: Target, extra: Record<string, string>): Promise<string> {
  const name = `${topic}-sink`;
  const response = await rest(restUrl, "POST", "/connectors", {
    name,
    config: { "connector.class": "JdbcSinkConnector", topics: topic, ...target.connection, ...extra },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(name);
  return name;
}

function waitForRows(
  target: Target,
  table: string,
  orderBy: string,
  done: (rows: Record<string, string | null>[]) => boolean,
) {
  return waitFor(() => target.rows(table, orderBy), done, {
    timeoutMs: 60_000,
    description: `the rows of ${table} in ${target.name}`,
  });
}

// Connect's JsonConverter envelopes (schemas.enable=true, the worker's default), as Connect writes them.
const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  type,
  optional: false,
  field: name,
  ...extra,
});
const logical = (name: string, type: string, logicalName: string, extra: Record<string, unknown> = {}) =>
  field(name, type, { name: `org.apache.kafka.connect.data.${logicalName}`, version: 1, ...extra });

const ORDER_SCHEMA = {
  type: "struct",
  optional: false,
  name: "shop.order",
  fields: [
    field("id", "int32"),
    logical("amount", "bytes", "Decimal", { parameters: { scale: "2" } }),
    logical("created", "int64", "Timestamp"),
    logical("day", "int32", "Date"),
    field("note", "string", { optional: true }),
  ],
};

/** A Decimal as JsonConverter's default decimal.format (BASE64) writes it. */
const decimal = (text: string) => {
  const value = LogicalDecimal.toValue(text, 2).kind;
  if (value?.$case !== "bytesValue") throw new Error(`LogicalDecimal gave no bytes for ${text}`);
  return value.value.toString("base64");
};

const CREATED_MS = Date.UTC(2024, 2, 1, 12, 34, 56, 789);
const DAY = Date.UTC(2024, 1, 29) / 86_400_000;

const order = (id: number, amount: string, note: string | null) =>
  JSON.stringify({
    schema: ORDER_SCHEMA,
    payload: { id, amount: decimal(amount), created: CREATED_MS, day: DAY, note },
  });

const KEY_SCHEMA = {
  type: "struct",
  optional: false,
  fields: [field("id", "int32"), field("region", "string")],
};
const key = (id: number, region: string) => JSON.stringify({ schema: KEY_SCHEMA, payload: { id, region } });

describe("JdbcSinkConnector on the real stack", () => {
  it.each([
    { target: MARIADB, zone: "UTC", createdText: "2024-03-01 12:34:56.789" },
    { target: POSTGRES, zone: "Europe/Paris", createdText: "2024-03-01 13:34:56.789" },
  ])(
    "creates a table in $target.name and inserts every row with its values (db.timezone $zone)",
    async ({ target, zone, createdText }) => {
      const topic = topicFor("insert", target);
      await producer.send({
        topic,
        messages: [
          { value: order(1, "12.34", "first") },
          { value: order(2, "-0.05", null) },
          { value: order(3, "98765432109876543.21", "third") },
        ],
      });
      await createSink(topic, target, { "auto.create": "true", "db.timezone": zone });

      const rows = await waitForRows(target, topic, "id", (r) => r.length >= 3);
      expect(rows).toEqual([
        { id: "1", amount: "12.34", created: createdText, day: "2024-02-29", note: "first" },
        { id: "2", amount: "-0.05", created: createdText, day: "2024-02-29", note: null },
        { id: "3", amount: "98765432109876543.21", created: createdText, day: "2024-02-29", note: "third" },
      ]);
    },
  );

  it.each([{ target: MARIADB }, { target: POSTGRES }])(
    "upserts on pk.mode=record_value in $target.name: the same records twice leave one row each, with the latest values",
    async ({ target }) => {
      const topic = topicFor("upsert", target);
      const round = [order(1, "1.00", "old"), order(2, "2.00", "two"), order(1, "1.50", "new")];
      await producer.send({ topic, messages: round.map((value) => ({ value })) });
      await createSink(topic, target, {
        "auto.create": "true",
        "insert.mode": "upsert",
        "pk.mode": "record_value",
        "pk.fields": "id",
      });
      await waitForRows(target, topic, "id", (r) => r.length >= 2);
      // Redelivery: the same records again, then a marker; one partition keeps the order, so once the
      // marker's row is there, the repeated records were written.
      await producer.send({
        topic,
        messages: [...round, order(9, "9.00", "marker")].map((value) => ({ value })),
      });

      const rows = await waitForRows(target, topic, "id", (r) => r.some((row) => row.id === "9"));
      expect(rows.map((row) => [row.id, row.amount, row.note])).toEqual([
        ["1", "1.50", "new"],
        ["2", "2.00", "two"],
        ["9", "9.00", "marker"],
      ]);
    },
  );

  it("sends a record without a schema to the dead-letter queue and writes the rest", async () => {
    const topic = topicFor("dlq", MARIADB);
    const dlq = `${topic}-dlq`;
    await producer.send({
      topic,
      messages: [
        { value: order(1, "1.00", "good") },
        { value: JSON.stringify({ schema: null, payload: { id: 2, note: "schemaless" } }) },
        { value: order(3, "3.00", "good too") },
      ],
    });
    await createSink(topic, MARIADB, {
      "auto.create": "true",
      "errors.tolerance": "all",
      "errors.deadletterqueue.topic.name": dlq,
      "errors.deadletterqueue.context.headers.enable": "true",
    });

    const rows = await waitForRows(MARIADB, topic, "id", (r) => r.length >= 2);
    expect(rows.map((row) => row.id)).toEqual(["1", "3"]);
    const [parked] = await readTopic(kafka, dlq, 1);
    expect(JSON.parse(parked?.value?.toString() ?? "null")).toMatchObject({ payload: { id: 2 } });
    expect(text(parked?.headers, "__connect.errors.offset")).toBe("1");
    expect(text(parked?.headers, "__connect.errors.stage")).toBe("TASK_PUT");
    expect(text(parked?.headers, "__connect.errors.exception.message")).toMatch(/value has no schema/);
  });

  it.each([{ target: MARIADB }, { target: POSTGRES }])(
    "deletes the row of a tombstone's struct key in $target.name with delete.enabled and pk.mode=record_key",
    async ({ target }) => {
      const topic = topicFor("delete", target);
      await producer.send({
        topic,
        messages: [
          { key: key(1, "eu"), value: order(1, "1.00", "one") },
          { key: key(1, "us"), value: order(1, "1.00", "one in us") },
          { key: key(2, "eu"), value: order(2, "2.00", "two") },
          { key: key(1, "eu"), value: null },
          { key: key(3, "eu"), value: order(3, "3.00", "marker") },
        ],
      });
      await createSink(topic, target, {
        "auto.create": "true",
        "insert.mode": "upsert",
        "pk.mode": "record_key",
        "delete.enabled": "true",
      });

      const rows = await waitForRows(target, topic, "id, region", (r) =>
        r.some((row) => row.note === "marker"),
      );
      expect(rows.map((row) => [row.id, row.region, row.note])).toEqual([
        ["1", "us", "one in us"],
        ["2", "eu", "two"],
        ["3", "eu", "marker"],
      ]);
    },
  );

  it.each([{ target: MARIADB }, { target: POSTGRES }])(
    "adds a column for a new optional field with auto.evolve in $target.name, its default filling old rows",
    async ({ target }) => {
      const topic = topicFor("evolve", target);
      const evolved = {
        ...ORDER_SCHEMA,
        fields: [...ORDER_SCHEMA.fields, field("channel", "string", { optional: true, default: "web" })],
      };
      const evolvedOrder = (id: number, channel: string) =>
        JSON.stringify({
          schema: evolved,
          payload: { id, amount: decimal("1.00"), created: CREATED_MS, day: DAY, note: null, channel },
        });
      await producer.send({ topic, messages: [{ value: order(1, "1.00", "before") }] });
      await createSink(topic, target, { "auto.create": "true", "auto.evolve": "true" });
      await waitForRows(target, topic, "id", (r) => r.length >= 1);
      await producer.send({ topic, messages: [{ value: evolvedOrder(2, "app") }] });

      const rows = await waitForRows(target, topic, "id", (r) => r.length >= 2);
      expect(rows.map((row) => [row.id, row.note, row.channel])).toEqual([
        ["1", "before", "web"],
        ["2", null, "app"],
      ]);
    },
  );

  it("validates the connection and the tables without showing the password", async () => {
    const password = `wrong-${randomUUID()}`;
    const validate = async (config: Record<string, string>) => {
      const response = await rest(restUrl, "PUT", "/connector-plugins/JdbcSinkConnector/config/validate", {
        "connector.class": "JdbcSinkConnector",
        topics: "jdbc_missing_table",
        ...config,
      });
      expect(response.status).toBe(200);
      const body = response.body as {
        configs: { definition: { name: string }; value: { errors: string[] } }[];
      };
      return {
        text: JSON.stringify(body),
        errorsOf: (k: string) => body.configs.find((c) => c.definition.name === k)?.value.errors ?? [],
      };
    };

    const refused = await validate({ ...POSTGRES.connection, "connection.password": password });
    expect(refused.errorsOf("connection.password")).toEqual([
      expect.stringMatching(/password authentication failed/),
    ]);
    expect(refused.text).not.toContain(password);

    const missing = await validate(MARIADB.connection);
    expect(missing.errorsOf("table.name.format")).toEqual([
      expect.stringMatching(
        /table `jdbc_sink_\w+`\.`jdbc_missing_table` for topic "jdbc_missing_table" does not exist and auto\.create is false/,
      ),
    ]);
    expect(
      (await validate({ ...MARIADB.connection, "auto.create": "true" })).errorsOf("table.name.format"),
    ).toEqual([]);

    const rules = await validate({ ...MARIADB.connection, "delete.enabled": "true", "auto.create": "true" });
    expect(rules.errorsOf("delete.enabled")).toEqual([expect.stringMatching(/must be 'record_key'/)]);
  });
});
