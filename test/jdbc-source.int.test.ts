import { waitFor } from "@connect-mesh/async";
import { startComponents, stopComponent } from "@connect-mesh/deploy";
import { Kafka, logLevel } from "kafkajs";
import { createConnection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { consoleConsume } from "./console-consumer.js";
import { rest, tasksOf } from "./rest-client.js";
import { openMariaDb, openPostgres, type TestDatabase, uniqueName } from "./sql-databases.js";
import { TopicCollector } from "./topic-collector.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const runDir = inject("runDir");
const kafka = new Kafka({
  clientId: "jdbc-source-test",
  brokers: [inject("kafkaBootstrap")],
  logLevel: logLevel.NOTHING,
});
const created: string[] = [];

afterAll(async () => {
  for (const name of created) await rest(restUrl, "DELETE", `/connectors/${name}`);
});

/** Creates a connector through the REST API, as a user would, and remembers to delete it. */
async function createConnector(name: string, config: Record<string, string>): Promise<void> {
  const response = await rest(restUrl, "POST", "/connectors", { name, config });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(name);
}

const collectors = new Map<string, Promise<TopicCollector>>();
afterAll(async () => {
  for (const collector of collectors.values()) await (await collector).stop();
});

/** The topic's collector, started on first use. */
function topicOf(topic: string): Promise<TopicCollector> {
  let collector = collectors.get(topic);
  if (collector === undefined) {
    collector = TopicCollector.start(kafka, topic);
    collectors.set(topic, collector);
  }
  return collector;
}

/** The payloads of a topic's JSON envelopes, once at least `count` are there. */
async function payloads(topic: string, count: number): Promise<Record<string, unknown>[]> {
  return (await topicOf(topic)).waitForPayloads((found) => found.length >= count, `${count} records`);
}

/** Waits until the topic holds records whose `field` values include every one of `expected`. */
async function waitForValues(topic: string, field: string, expected: readonly unknown[]): Promise<unknown[]> {
  const found = await (await topicOf(topic)).waitForPayloads(
    (all) => expected.every((value) => all.some((p) => p[field] === value)),
    `${field} ${expected.join(", ")}`,
  );
  return found.map((p) => p[field]);
}

/** Kills every MariaDB connection to the test's database but the test's own; returns the ids killed. */
async function killMariaDbConnections(db: TestDatabase): Promise<unknown[][]> {
  const others = await db.query(
    "SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()",
  );
  for (const [id] of others) await db.query(`KILL ${Number(id)}`);
  return others;
}

describe("Kafka Connect's MySQL example, verbatim, against MariaDB", () => {
  const port = inject("mariadbPort");
  const admin = () => createConnection({ host: "127.0.0.1", port, user: "root", database: "test" });

  beforeAll(async () => {
    // The example's own SQL, as its users type it into the mysql client.
    const root = await createConnection({ host: "127.0.0.1", port, user: "root", multipleStatements: true });
    await root.query(`CREATE DATABASE test;
      USE test;
      CREATE TABLE login (username VARCHAR(30), login_time DATETIME);
      INSERT INTO login VALUES ('alice', NOW());
      INSERT INTO login VALUES ('bob', NOW());`);
    await root.end();
  });

  afterAll(async () => {
    await rest(restUrl, "DELETE", "/connectors/mysql-source");
    const root = await admin();
    await root.query("DROP DATABASE test");
    await root.end();
  });

  it("puts alice and bob on mysql.login with a schema, then rows added later, and resumes after a kill -9 of the worker", {
    timeout: 300_000,
  }, async () => {
    // The example's config as users paste it; only the port is the test stack's own.
    const body = `{"name":"mysql-source","config":{"connector.class":"JdbcSourceConnector",
      "connection.url":"jdbc:mysql://localhost:${port}/test?user=root","mode":"timestamp",
      "table.whitelist":"login","timestamp.column.name":"login_time","topic.prefix":"mysql."}}`;
    const response = await rest(restUrl, "POST", "/connectors", body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created.push("mysql-source");

    const lines = await consoleConsume("mysql.login", 2);
    const envelopes = lines.map(
      (line) => JSON.parse(line) as { schema: unknown; payload: { username: string } },
    );
    expect(envelopes.map((e) => e.payload.username)).toEqual(["alice", "bob"]);
    expect(envelopes[0]?.schema).toEqual({
      type: "struct",
      name: "login",
      optional: false,
      fields: [
        { field: "username", type: "string", optional: true },
        {
          field: "login_time",
          type: "int64",
          optional: true,
          name: "org.apache.kafka.connect.data.Timestamp",
          version: 1,
        },
      ],
    });

    const db = await admin();
    try {
      await db.query("INSERT INTO login VALUES ('carol', NOW())");
      await waitForValues("mysql.login", "username", ["carol"]);

      await stopComponent(runDir, "worker", "kill");
      await db.query("INSERT INTO login VALUES ('dave', NOW())");
      await startComponents(runDir, ["worker"]);
      await db.query("INSERT INTO login VALUES ('erin', NOW())");
      const names = await waitForValues("mysql.login", "username", ["alice", "bob", "carol", "dave", "erin"]);
      // At-least-once: a kill may repeat what was not yet committed, never lose a row.
      expect(new Set(names)).toEqual(new Set(["alice", "bob", "carol", "dave", "erin"]));
    } finally {
      await db.end();
    }
  });
});

describe.each([
  ["MariaDB", openMariaDb],
  ["PostgreSQL", openPostgres],
])("the JDBC source's modes on %s", (_, open) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await open("jdbcsrc");
  });
  afterAll(async () => db.close());

  /** A table of orders with an auto-increment id and a modification time, holding ids 1 to 3. */
  async function ordersTable(table: string): Promise<void> {
    await db.query(
      `CREATE TABLE ${table} (id ${db.serialColumn}, item VARCHAR(20) NOT NULL, price DECIMAL(8,2), updated ${db.nowColumn})`,
    );
    await db.query(
      `INSERT INTO ${table} (item, price) VALUES ('apple', 1.25), ('pear', NULL), ('fig', 10.5)`,
    );
  }

  const addAndUpdate = async (table: string) => {
    await db.query(`INSERT INTO ${table} (item, price) VALUES ('kiwi', 2), ('lime', 3)`);
    await db.query(
      `UPDATE ${table} SET item = 'green apple', updated = ${db.name === "mariadb" ? "CURRENT_TIMESTAMP(3)" : "clock_timestamp()"} WHERE id = 1`,
    );
  };

  // What each mode reads after the first three rows, once two rows were added and one was updated.
  it.each([
    ["bulk", {}, ["fig", "green apple", "kiwi", "lime", "pear"]],
    ["incrementing", {}, ["kiwi", "lime"]],
    ["timestamp", { "timestamp.column.name": "updated" }, ["green apple", "kiwi", "lime"]],
    [
      "timestamp+incrementing",
      { "timestamp.column.name": "updated", "incrementing.column.name": "id" },
      ["green apple", "kiwi", "lime"],
    ],
  ])("%s mode reads the table, then what changed", async (mode, keys, expected) => {
    const table = uniqueName(mode.replace("+", "_"));
    await ordersTable(table);
    const prefix = `${db.name}-${table}-`;
    await createConnector(`jdbc-${table}`, {
      "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
      ...db.connection,
      mode,
      "table.whitelist": table,
      "topic.prefix": prefix,
      "poll.interval.ms": mode === "bulk" ? "3600000" : "200",
      ...keys,
    });
    const topic = `${prefix}${table}`;
    expect((await payloads(topic, 3)).map((p) => p.item)).toEqual(["apple", "pear", "fig"]);
    await addAndUpdate(table);
    if (mode === "bulk") {
      // Bulk reads the whole table once a poll; the next poll comes after a restart.
      const restarted = await rest(restUrl, "POST", `/connectors/jdbc-${table}/restart?includeTasks=true`);
      expect(restarted.status).toBeLessThan(300);
    }
    const items = (await payloads(topic, 3 + expected.length)).map((p) => p.item);
    // Rows changed within one millisecond may come in either order, and a bulk read has no order at all.
    expect(items.slice(3).sort()).toEqual(expected);
    const [first] = await payloads(topic, 1);
    // DECIMAL(8,2) travels as Connect's Decimal: the unscaled value's bytes, Base64 in the JSON envelope.
    expect(first).toMatchObject({ id: 1, price: Buffer.from([0x7d]).toString("base64") });
  });

  it("query mode reads its query's rows with the mode's conditions around them", async () => {
    const table = uniqueName("query");
    await ordersTable(table);
    const topic = `${db.name}-${table}`;
    await createConnector(`jdbc-${table}`, {
      "connector.class": "JdbcSourceConnector",
      ...db.connection,
      mode: "incrementing",
      "incrementing.column.name": "id",
      query: `SELECT id, UPPER(item) AS shout FROM ${table} WHERE price IS NOT NULL`,
      "topic.prefix": topic,
      "poll.interval.ms": "200",
    });
    expect(await payloads(topic, 2)).toEqual([
      { id: 1, shout: "APPLE" },
      { id: 3, shout: "FIG" },
    ]);
    await addAndUpdate(table);
    expect((await waitForValues(topic, "shout", ["KIWI", "LIME"])).length).toBe(4);
  });

  it("reads every row of one timestamp, across batches and while rows with that timestamp keep coming", {
    timeout: 180_000,
  }, async () => {
    const table = uniqueName("same_ts");
    await db.query(
      `CREATE TABLE ${table} (id ${db.serialColumn}, at ${db.name === "mariadb" ? "DATETIME" : "TIMESTAMP(0)"} NOT NULL)`,
    );
    // Five rows share one timestamp, read two to a batch: the batch boundary falls inside the run.
    for (let i = 0; i < 5; i += 1) await db.query(`INSERT INTO ${table} (at) VALUES ('2024-03-01 12:00:00')`);
    const topic = `${db.name}-${table}`;
    const name = `jdbc-${table}`;
    await createConnector(name, {
      "connector.class": "JdbcSourceConnector",
      ...db.connection,
      mode: "timestamp",
      "timestamp.column.name": "at",
      "table.whitelist": table,
      "topic.prefix": `${db.name}-`,
      "batch.max.rows": "2",
      "poll.interval.ms": "50",
    });
    expect((await payloads(topic, 5)).map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    // Rows stamped with the current second, written while the source polls many times a second: a source
    // that moved its offset to a second before the second was over would skip the rows written after.
    const deadline = Date.now() + 3_000;
    let written = 5;
    while (Date.now() < deadline) {
      await db.query(
        `INSERT INTO ${table} (at) VALUES (${db.name === "mariadb" ? "NOW()" : "date_trunc('second', clock_timestamp())"})`,
      );
      written += 1;
    }
    const ids = await waitFor(
      async () => new Set((await payloads(topic, 0)).map((p) => p.id)),
      (seen) => seen.size >= written,
      { timeoutMs: 60_000, description: `all ${written} rows on ${topic}` },
    );
    expect([...ids].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: written }, (_, i) => i + 1),
    );
  });

  it("goes on after the database drops its connection", { timeout: 180_000 }, async () => {
    const table = uniqueName("dropped");
    await ordersTable(table);
    const topic = `${db.name}-${table}`;
    await createConnector(`jdbc-${table}`, {
      "connector.class": "JdbcSourceConnector",
      ...db.connection,
      mode: "incrementing",
      "table.whitelist": table,
      "topic.prefix": `${db.name}-`,
      "poll.interval.ms": "200",
    });
    await payloads(topic, 3);
    // What a database restart or an administrator's kill does to a connector's connections.
    const dropped =
      db.name === "mariadb"
        ? await killMariaDbConnections(db)
        : await db.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'postgres' AND backend_type = 'client backend'",
          );
    expect(dropped.length).toBeGreaterThan(0);
    await db.query(`INSERT INTO ${table} (item, price) VALUES ('after the drop', 1)`);
    await waitForValues(topic, "item", ["after the drop"]);
  });

  it("splits tables across tasks and keeps an offset per table", async () => {
    const tables = [uniqueName("split_a"), uniqueName("split_b"), uniqueName("split_c")];
    for (const table of tables) await ordersTable(table);
    const name = `jdbc-${tables[0]}`;
    await createConnector(name, {
      "connector.class": "JdbcSourceConnector",
      ...db.connection,
      mode: "incrementing",
      "table.whitelist": tables.join(","),
      "topic.prefix": `${db.name}-`,
      "tasks.max": "2",
      "poll.interval.ms": "200",
    });
    for (const table of tables) expect(await payloads(`${db.name}-${table}`, 3)).toHaveLength(3);
    const taskConfigs = await waitFor(
      async () =>
        (await rest(restUrl, "GET", `/connectors/${name}/tasks`)).body as { config: { tables: string } }[],
      (tasks) => tasks.length === 2,
      { timeoutMs: 30_000, description: `${name} to have two tasks` },
    );
    expect(taskConfigs.map((t) => t.config.tables.split(",").length).sort()).toEqual([1, 2]);
    const stopped = await rest(restUrl, "PUT", `/connectors/${name}/stop`);
    expect(stopped.status).toBe(204);
    const offsets = await waitFor(
      async () => (await rest(restUrl, "GET", `/connectors/${name}/offsets`)).body as { offsets: unknown[] },
      (body) => body.offsets.length === 3,
      { timeoutMs: 30_000, description: `three offsets of ${name}` },
    );
    expect(offsets.offsets).toEqual(
      expect.arrayContaining(
        tables.map((table) => ({
          partition: { protocol: "1", table: `${db.schema}.${table}` },
          offset: { incrementing: 3 },
        })),
      ),
    );
  });
});

describe("the JDBC source when the database refuses it", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openMariaDb("jdbcauth");
    await db.query("CREATE TABLE visits (id INT AUTO_INCREMENT PRIMARY KEY, page VARCHAR(50) NOT NULL)");
    await db.query("INSERT INTO visits (page) VALUES ('/home')");
  });
  afterAll(async () => {
    await db.query("DROP USER IF EXISTS 'reader'@'127.0.0.1'");
    await db.close();
  });

  const config = (password: string) => ({
    "connector.class": "JdbcSourceConnector",
    "connection.url": `jdbc:mariadb://127.0.0.1:${inject("mariadbPort")}/${db.schema}`,
    "connection.user": "reader",
    "connection.password": password,
    mode: "incrementing",
    "table.whitelist": "visits",
    "topic.prefix": `${db.schema}-`,
    "poll.interval.ms": "200",
  });

  it("refuses a config with a wrong password before it starts, without showing the password", async () => {
    await db.query("CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'right-pw-1'");
    const response = await rest(
      restUrl,
      "PUT",
      "/connector-plugins/JdbcSourceConnector/config/validate",
      config("Wr0ng-Secret!"),
    );
    const body = JSON.stringify(response.body);
    expect(response.status).toBe(200);
    expect(body).toContain("Access denied for user 'reader'");
    expect(body).not.toContain("Wr0ng-Secret!");
    const created = await rest(restUrl, "POST", "/connectors", {
      name: "jdbc-wrong-password",
      config: config("Wr0ng-Secret!"),
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).not.toContain("Wr0ng-Secret!");
  });

  it("says before it starts that a database cannot be reached, a table is missing, or a column is not there", async () => {
    const problems = async (config: Record<string, string>) => {
      const response = await rest(
        restUrl,
        "PUT",
        "/connector-plugins/JdbcSourceConnector/config/validate",
        config,
      );
      expect(response.status).toBe(200);
      const body = response.body as { configs: { value: { name: string; errors: string[] } }[] };
      return body.configs
        .filter((c) => c.value.errors.length > 0)
        .map((c) => [c.value.name, c.value.errors.join(" ")]);
    };
    const valid = { ...config("right-pw-1"), "connection.user": "root", "connection.password": "" };
    expect(await problems({ ...valid, "connection.url": "jdbc:mysql://127.0.0.1:1/test" })).toEqual([
      ["connection.url", expect.stringContaining("ECONNREFUSED")],
    ]);
    expect(await problems({ ...valid, "table.whitelist": "no_such_table" })).toEqual([
      ["table.whitelist", expect.stringContaining("no_such_table does not exist")],
    ]);
    expect(await problems({ ...valid, mode: "timestamp", "timestamp.column.name": "seen_at" })).toEqual([
      ["timestamp.column.name", expect.stringContaining('has no column "seen_at"')],
    ]);
  });

  it("fails the task when the password stops working, naming the cause and not the password", {
    timeout: 180_000,
  }, async () => {
    await db.query("GRANT SELECT ON *.* TO 'reader'@'127.0.0.1'");
    const name = uniqueName("jdbc_rotated");
    await createConnector(name, config("right-pw-1"));
    await payloads(`${db.schema}-visits`, 1);
    // The password is rotated in the database but not in the connector; the next start cannot log in.
    await db.query("ALTER USER 'reader'@'127.0.0.1' IDENTIFIED BY 'rotated-pw-2'");
    await rest(restUrl, "POST", `/connectors/${name}/restart?includeTasks=true`);
    const [task] = await waitFor(
      () => tasksOf(restUrl, name),
      (tasks) => tasks[0]?.state === "FAILED",
      { timeoutMs: 90_000, description: `${name}'s task to fail` },
    );
    expect(task?.trace).toContain("Access denied for user 'reader'");
    expect(task?.trace).toContain("check connection.user and connection.password");
    expect(task?.trace).not.toContain("right-pw-1");
  });
});
