import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PORTS, parsePort, stackConfigFromEnv } from "./stack-config.js";
import { StackError } from "./stack-error.js";

describe("stackConfigFromEnv", () => {
  it("uses Kafka's and etcd's usual ports, ./.run and ~/.cache/connect-mesh by default", () => {
    expect(stackConfigFromEnv({})).toMatchObject({
      ...DEFAULT_PORTS,
      tracing: false,
      runDir: join(process.cwd(), ".run"),
      cacheDir: join(homedir(), ".cache", "connect-mesh"),
      withComponents: [],
      workers: 1,
    });
    expect(DEFAULT_PORTS).toMatchObject({
      mariadbPort: 3306,
      postgresPort: 5432,
      elasticsearchPort: 9200,
      opensearchPort: 9200,
    });
  });

  it("reads every setting from CONNECT_MESH_* variables", () => {
    const config = stackConfigFromEnv({
      CONNECT_MESH_RUN_DIR: "/srv/run",
      CONNECT_MESH_CACHE_DIR: "/srv/cache",
      CONNECT_MESH_KAFKA_PORT: "19092",
      CONNECT_MESH_KAFKA_CONTROLLER_PORT: "19093",
      CONNECT_MESH_ETCD_PORT: "12379",
      CONNECT_MESH_ETCD_PEER_PORT: "12380",
      CONNECT_MESH_TRACING: "1",
      CONNECT_MESH_OTLP_PORT: "14318",
      CONNECT_MESH_JAEGER_QUERY_PORT: "26686",
      CONNECT_MESH_WITH: "mariadb,postgres",
      CONNECT_MESH_MARIADB_PORT: "13306",
      CONNECT_MESH_POSTGRES_PORT: "15432",
      CONNECT_MESH_ELASTICSEARCH_PORT: "19200",
      CONNECT_MESH_OPENSEARCH_PORT: "19201",
      CONNECT_MESH_WORKERS: "3",
    });
    expect(config).toMatchObject({
      runDir: "/srv/run",
      cacheDir: "/srv/cache",
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
      etcdPort: 12379,
      etcdPeerPort: 12380,
      tracing: true,
      otlpPort: 14318,
      jaegerQueryPort: 26686,
      withComponents: ["mariadb", "postgres"],
      mariadbPort: 13306,
      postgresPort: 15432,
      elasticsearchPort: 19200,
      opensearchPort: 19201,
      workers: 3,
    });
  });

  it("lets command-line overrides win over the environment, and makes a relative run directory absolute", () => {
    const config = stackConfigFromEnv(
      { CONNECT_MESH_KAFKA_PORT: "19092" },
      { kafkaPort: 29092, runDir: "here" },
    );
    expect(config.kafkaPort).toBe(29092);
    expect(config.runDir).toBe(join(process.cwd(), "here"));
  });

  it("lets --with override CONNECT_MESH_WITH, even with nothing", () => {
    const config = stackConfigFromEnv({ CONNECT_MESH_WITH: "mariadb,postgres" }, { withComponents: [] });
    expect(config.withComponents).toEqual([]);
  });

  it("names the variable that holds a bad worker count", () => {
    expect(() => stackConfigFromEnv({ CONNECT_MESH_WORKERS: "17" })).toThrow(
      'CONNECT_MESH_WORKERS must be a number of workers from 1 to 16, not "17"',
    );
  });

  it("names the variable that holds a bad port", () => {
    expect(() => stackConfigFromEnv({ CONNECT_MESH_ETCD_PORT: "two" })).toThrow(
      'CONNECT_MESH_ETCD_PORT must be a TCP port from 1 to 65535, not "two"',
    );
    expect(() => stackConfigFromEnv({ CONNECT_MESH_POSTGRES_PORT: "99999" })).toThrow(
      'CONNECT_MESH_POSTGRES_PORT must be a TCP port from 1 to 65535, not "99999"',
    );
  });

  it("names the variable that asks for a component the stack does not know", () => {
    expect(() => stackConfigFromEnv({ CONNECT_MESH_WITH: "mariadb,mysql" })).toThrow(
      'CONNECT_MESH_WITH names "mysql", which the stack cannot add; the components it knows are mariadb, postgres, elasticsearch, opensearch',
    );
  });

  it("refuses Elasticsearch and OpenSearch together on one port, saying how to part them", () => {
    expect(() => stackConfigFromEnv({ CONNECT_MESH_WITH: "elasticsearch,opensearch" })).toThrow(
      "Elasticsearch and OpenSearch cannot both listen on port 9200; give one another port (--opensearch-port 9201 or CONNECT_MESH_OPENSEARCH_PORT=9201)",
    );
    expect(() =>
      stackConfigFromEnv(
        { CONNECT_MESH_OPENSEARCH_PORT: "9300" },
        {
          withComponents: ["elasticsearch", "opensearch"],
          elasticsearchPort: 9300,
        },
      ),
    ).toThrow(StackError);
  });

  it.each([
    [{ CONNECT_MESH_WITH: "elasticsearch" }],
    [{ CONNECT_MESH_WITH: "opensearch" }],
    [{ CONNECT_MESH_WITH: "elasticsearch,opensearch", CONNECT_MESH_OPENSEARCH_PORT: "9201" }],
  ])("lets one search engine, or both on different ports, run: %j", (env) => {
    expect(() => stackConfigFromEnv(env)).not.toThrow();
  });
});

describe("parsePort", () => {
  it.each(["0", "65536", "-1", "80.5", "", "0x50"])("rejects %j", (text) => {
    expect(() => parsePort(text, "--port")).toThrow(StackError);
  });

  it.each([
    ["1", 1],
    ["9092", 9092],
    ["65535", 65_535],
  ])("accepts %j", (text, port) => {
    expect(parsePort(text, "--port")).toBe(port);
  });
});
