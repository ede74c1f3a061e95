import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import {
  findFreePort,
  type SearchEngine,
  type StandaloneSearchEngine,
  startStandaloneSearchEngine,
} from "@connect-mesh/deploy";
import { createConnection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { headerText, producerSuite } from "./producer-suite.js";
import { rest, tasksOf } from "./rest-client.js";
import { SearchApi } from "./search-api.js";
import { readTopic } from "./topic-reader.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const cacheDir = inject("cacheDir");
const mariadbPort = inject("mariadbPort");
const { kafka, producer, created } = producerSuite("search-sink-test");

/** Creates a connector through the REST API, as a user would; `producerSuite` deletes it after the test. */
async function createConnector(
  body: string | { name: string; config: Record<string, string> },
): Promise<void> {
  const response = await rest(restUrl, "POST", "/connectors", body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  created.push(typeof body === "string" ? (JSON.parse(body) as { name: string }).name : body.name);
}

/** A topic of the test's own, so reruns and the two engines never share one. */
const topicNamed = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/** `count` schemaless JSON documents `{"n": i, "name": "record i"}` on `topic`, sent in chunks. */
async function produceNumbered(topic: string, first: number, count: number): Promise<void> {
  for (let start = first; start < first + count; start += 5_000) {
    const messages = Array.from({ length: Math.min(5_000, first + count - start) }, (_, i) => ({
      value: JSON.stringify({ n: start + i, name: `record ${start + i}` }),
    }));
    await producer.send({ topic, messages });
  }
}

/** A sink of schemaless JSON into `engine`: ids topic+partition+offset, mapping left to the engine. */
function schemalessSink(name: string, topic: string, url: string, className: string) {
  return {
    name,
    config: {
      "connector.class": className,
      "connection.url": url,
      topics: topic,
      "key.ignore": "true",
      "schema.ignore": "true",
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
    },
  };
}

/** Kafka Connect's MySQL example's source half, in MariaDB's `test` database, as its users type it. */
describe("MariaDB → Kafka → a search engine: the seed's pipeline", () => {
  const admin = () =>
    createConnection({ host: "127.0.0.1", port: mariadbPort, user: "root", multipleStatements: true });
  let loginTimes: Map<string, number>;

  beforeAll(async () => {
    // The JDBC source's own test ran the same example earlier: its topic goes, so the index holds this run's rows only.
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    try {
      if ((await kafkaAdmin.listTopics()).includes("mysql.login")) {
        await kafkaAdmin.deleteTopics({ topics: ["mysql.login"], timeout: 30_000 });
      }
      await waitFor(
        () => kafkaAdmin.listTopics(),
        (topics) => !topics.includes("mysql.login"),
        { timeoutMs: 30_000, description: "mysql.login to be deleted" },
      );
    } finally {
      await kafkaAdmin.disconnect();
    }
    const root = await admin();
    await root.query(`CREATE DATABASE test;
      USE test;
      CREATE TABLE login (username VARCHAR(30), login_time DATETIME);
      INSERT INTO login VALUES ('alice', NOW());
      INSERT INTO login VALUES ('bob', NOW());`);
    const [rows] = await root.query(
      "SELECT username, UNIX_TIMESTAMP(login_time) * 1000 AS ms FROM test.login",
    );
    loginTimes = new Map((rows as { username: string; ms: string }[]).map((r) => [r.username, Number(r.ms)]));
    await root.end();
    // The example's source config as users paste it; only the port is the test stack's own.
    const source = `{"name":"mysql-source","config":{"connector.class":"JdbcSourceConnector",
      "connection.url":"jdbc:mysql://localhost:${mariadbPort}/test?user=root","mode":"timestamp",
      "table.whitelist":"login","timestamp.column.name":"login_time","topic.prefix":"mysql."}}`;
    const response = await rest(restUrl, "POST", "/connectors", source);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  afterAll(async () => {
    await rest(restUrl, "DELETE", "/connectors/mysql-source");
    const root = await admin();
    await root.query("DROP DATABASE IF EXISTS test");
    await root.end();
  });

  describe.each<{ engine: SearchEngine; sink: string }>([
    {
      engine: "elasticsearch",
      // The example's sink config, verbatim but for the port.
      sink: `{"name":"elastic-sink","config":{"connector.class":"ElasticsearchSinkConnector","connection.url":"http://localhost:PORT","topics":"mysql.login","key.ignore":"true"}}`,
    },
    {
      engine: "opensearch",
      // The same, under the OpenSearch name (a new name, so its consumer group starts at the beginning).
      sink: `{"name":"opensearch-sink","config":{"connector.class":"OpenSearchSinkConnector","connection.url":"http://localhost:PORT","topics":"mysql.login","key.ignore":"true"}}`,
    },
  ])("into $engine", ({ engine, sink }) => {
    let runDir: string;
    let port: number;
    let server: StandaloneSearchEngine | undefined;
    let api: SearchApi;

    beforeAll(async () => {
      // Its own run directory: as root the engine runs as the system user `connect-mesh`, which must reach it.
      runDir = await mkdtemp(join(tmpdir(), `cmesh-sink-${engine}-`));
      port = await findFreePort();
      server = await startStandaloneSearchEngine({ engine, cacheDir, runDir, httpPort: port });
      api = new SearchApi(server.url);
    }, 600_000);

    afterAll(async () => {
      await server?.stop();
      if (runDir !== undefined) await rm(runDir, { recursive: true, force: true });
    });

    it("indexes alice and bob from the example's two configs, found by _search with their login times", async () => {
      await createConnector(sink.replace("PORT", String(port)));
      const hits = await waitFor(
        () => api.searchAll("mysql.login"),
        (found) => found.length >= 2,
        { timeoutMs: 90_000, intervalMs: 500, description: `alice and bob in ${engine}'s mysql.login` },
      );
      const byName = new Map(hits.map((hit) => [hit._source.username, hit]));
      expect([...byName.keys()].sort()).toEqual(["alice", "bob"]);
      for (const [username, ms] of loginTimes) {
        expect(byName.get(username)?._source.login_time).toBe(ms);
        expect(byName.get(username)?._id).toMatch(/^mysql\.login\+0\+[01]$/);
      }
      // schema.ignore=false: the index's mapping came from the record schema, Timestamp as a date.
      expect(await api.fieldTypes("mysql.login")).toEqual({ username: "text", login_time: "date" });
      // A date field answers a range query in the engine's own date syntax.
      const recent = await api.search("mysql.login", { range: { login_time: { gte: "now-1d" } } });
      expect(recent.map((hit) => hit._source.username).sort()).toEqual(["alice", "bob"]);
    });

    it("indexes 100,000 records with the count equal", { timeout: 600_000 }, async () => {
      const topic = topicNamed(`bulk-${engine}`);
      await produceNumbered(topic, 0, 100_000);
      await createConnector(
        schemalessSink(`bulk-${topic}`, topic, server?.url ?? "", "ElasticsearchSinkConnector"),
      );
      await api.waitForCount(topic, 100_000, 480_000);
      expect(await api.count(topic)).toBe(100_000);
      expect(await api.search(topic, { term: { n: 99_999 } })).toHaveLength(1);
    });

    it("sends a document the mapping refuses to the dead letter queue with its error, and indexes the rest", async () => {
      const topic = topicNamed(`conflict-${engine}`);
      const dlq = `${topic}-dlq`;
      const values = [
        '{"n":1,"at":"2024-03-01"}',
        '{"n":2,"at":"2024-03-02"}',
        '{"n":"three","at":"2024-03-03"}',
        '{"n":4,"at":"2024-03-04"}',
      ];
      await producer.send({ topic, messages: values.map((value) => ({ value })) });
      const sinkName = `conflict-${topic}`;
      const sinkConfig = schemalessSink(sinkName, topic, server?.url ?? "", "OpenSearchSinkConnector");
      await createConnector({
        name: sinkName,
        config: {
          ...sinkConfig.config,
          "errors.tolerance": "all",
          "errors.deadletterqueue.topic.name": dlq,
          "errors.deadletterqueue.topic.replication.factor": "1",
          "errors.deadletterqueue.context.headers.enable": "true",
        },
      });
      const parked = await readTopic(kafka, dlq, 1);
      expect(parked.map((m) => m.value?.toString())).toEqual(['{"n":"three","at":"2024-03-03"}']);
      const headers = parked[0]?.headers;
      expect(headerText(headers, "__connect.errors.topic")).toBe(topic);
      expect(headerText(headers, "__connect.errors.offset")).toBe("2");
      expect(headerText(headers, "__connect.errors.stage")).toBe("TASK_PUT");
      expect(headerText(headers, "__connect.errors.exception.message")).toMatch(/mapper_parsing_exception/);
      await api.waitForCount(topic, 3, 60_000);
      const indexed = await api.searchAll(topic);
      expect(indexed.map((hit) => hit._source.n).sort()).toEqual([1, 2, 4]);
      expect((await tasksOf(restUrl, sinkName)).map((task) => task.state)).toEqual(["RUNNING"]);
    });

    it("keeps records in Kafka while the engine is stopped, and indexes every one once it is back", {
      timeout: 600_000,
    }, async () => {
      const topic = topicNamed(`outage-${engine}`);
      const sinkName = `outage-${topic}`;
      await produceNumbered(topic, 0, 5_000);
      await createConnector(schemalessSink(sinkName, topic, server?.url ?? "", "ElasticsearchSinkConnector"));
      await api.waitForCount(topic, 5_000, 120_000);

      await server?.stop();
      server = undefined;
      await produceNumbered(topic, 5_000, 5_000);
      // The task notices: its status says the write will be retried, and it keeps running.
      const retrying = await waitFor(
        () => tasksOf(restUrl, sinkName),
        (tasks) => tasks[0]?.state === "RUNNING" && /retrying/.test(tasks[0]?.trace ?? ""),
        { timeoutMs: 120_000, intervalMs: 500, description: "the sink to say it is retrying" },
      );
      expect(retrying[0]?.trace).toMatch(/the engine did not answer/);

      server = await startStandaloneSearchEngine({ engine, cacheDir, runDir, httpPort: port });
      await api.waitForCount(topic, 10_000, 240_000);
      expect(await api.count(topic)).toBe(10_000);
      await waitFor(
        () => tasksOf(restUrl, sinkName),
        (tasks) => tasks[0]?.state === "RUNNING" && tasks[0]?.trace === undefined,
        { timeoutMs: 60_000, intervalMs: 500, description: "the retry note to clear from the status" },
      );
    });
  });
});
