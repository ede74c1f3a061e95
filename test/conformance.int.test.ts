import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatReport, type PluginConfigs, runConformance } from "@connect-mesh/conformance";
import { EtcdCoordinationStore, ServiceRegistry } from "@connect-mesh/coordination";
import { startStandaloneSearchEngine } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { HttpReceiver } from "./http-receiver.js";
import { openMariaDb, openPostgres, type TestDatabase } from "./sql-databases.js";
import "./stack-context.js";

const baseDir = inject("baseDir");

/** The address of the registered connector service that hosts `plugin`, as the mesh itself finds it. */
async function addressHosting(plugin: string): Promise<string> {
  const store = new EtcdCoordinationStore([inject("etcdEndpoint")]);
  try {
    const instances = await new ServiceRegistry(store, "/connect-mesh/local").list("connector");
    const instance = instances.find((i) =>
      i.plugins.some((p) => p.className === plugin || p.aliases.includes(plugin)),
    );
    if (!instance) throw new Error(`no registered connector service hosts ${plugin}`);
    return instance.address;
  } finally {
    await store.close();
  }
}

async function expectConformant(
  plugin: string,
  configs: { sources?: PluginConfigs; sinks?: PluginConfigs; rejectingSinks?: PluginConfigs },
) {
  const report = await runConformance({
    address: await addressHosting(plugin),
    signal: AbortSignal.timeout(120_000),
    sourceConfigs: configs.sources,
    sinkConfigs: configs.sinks,
    rejectingSinkConfigs: configs.rejectingSinks,
  });
  // The whole report on failure: which rule broke and how.
  expect(report.passed, formatReport(report)).toBe(true);
  expect(report.checks.filter((c) => c.outcome === "pass").length).toBeGreaterThan(10);
}

describe("the conformance kit on the mesh's own connector services", () => {
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await HttpReceiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
  });

  it("passes the TypeScript file connectors", async () => {
    const input = join(baseDir, `conformance-${randomUUID()}.txt`);
    await writeFile(input, "one\ntwo\nthree\nfour\nfive\n");
    await expectConformant("FileStreamSource", {
      sources: { FileStreamSource: { file: input, topic: "conformance", "batch.size": "1" } },
      sinks: {
        FileStreamSink: { file: join(baseDir, `conformance-out-${randomUUID()}.txt`), topics: "conformance" },
      },
    });
  });

  it("passes the Go datagen source", async () => {
    await expectConformant("DatagenSource", {
      sources: { DatagenSource: { topic: "conformance", "batch.size": "1", count: "20" } },
    });
  });

  it("passes the Go datagen source when its batches come packed (string values, uuid keys)", async () => {
    await expectConformant("DatagenSource", {
      sources: {
        DatagenSource: {
          topic: "conformance",
          "batch.size": "8",
          count: "40",
          "value.shape": "string",
          "key.type": "uuid",
        },
      },
    });
  });

  it("passes the Python HTTP sink", async () => {
    await expectConformant("HttpSink", {
      sinks: { HttpSink: { "http.url": receiver.url, topics: "conformance" } },
    });
  });

  it("passes the JDBC connectors", async () => {
    const mariadb: TestDatabase = await openMariaDb("conf");
    const postgres: TestDatabase = await openPostgres("conf");
    try {
      await mariadb.query(
        "CREATE TABLE accounts (id INT AUTO_INCREMENT PRIMARY KEY, owner VARCHAR(20) NOT NULL)",
      );
      await mariadb.query("INSERT INTO accounts (owner) VALUES ('ann'), ('ben'), ('cat'), ('dan'), ('eve')");
      await expectConformant("JdbcSourceConnector", {
        sources: {
          JdbcSourceConnector: {
            ...mariadb.connection,
            mode: "incrementing",
            "table.whitelist": "accounts",
            "topic.prefix": "conformance-",
            "batch.max.rows": "1",
            "poll.interval.ms": "100",
          },
        },
        // The kit writes string records, which a JDBC sink refuses (it needs a STRUCT, one field a column),
        // so its running checks are skipped and the refusal is checked as the typed error it must be.
        rejectingSinks: {
          JdbcSinkConnector: { ...postgres.connection, topics: "conformance", "auto.create": "true" },
        },
      });
    } finally {
      await mariadb.close();
      await postgres.close();
    }
  });

  it("passes the search sink", { timeout: 300_000 }, async () => {
    // Its own run directory: as root the engine runs as the system user `connect-mesh`, which must reach it.
    const runDir = await mkdtemp(join(tmpdir(), "cmesh-conformance-es-"));
    const engine = await startStandaloneSearchEngine({
      engine: "elasticsearch",
      cacheDir: inject("cacheDir"),
      runDir,
    });
    try {
      // The kit writes bare strings, which the engine refuses as documents (they are not objects). Skipped as
      // malformed, they let the running checks run; refused as malformed, each is the typed refusal checked.
      const config = {
        "connection.url": engine.url,
        topics: "conformance",
        "key.ignore": "true",
        "schema.ignore": "true",
      };
      await expectConformant("ElasticsearchSinkConnector", {
        sinks: { ElasticsearchSinkConnector: { ...config, "behavior.on.malformed.documents": "ignore" } },
        rejectingSinks: {
          ElasticsearchSinkConnector: { ...config, "behavior.on.malformed.documents": "fail" },
        },
      });
    } finally {
      await engine.stop();
      await rm(runDir, { recursive: true, force: true });
    }
  });
});
