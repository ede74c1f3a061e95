import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { type OptionalComponent, parseOptionalComponents } from "./optional-components.js";
import { StackError } from "./stack-error.js";

/** Where the local stack keeps its files and which ports it takes. */
export interface StackConfig {
  /** Data, logs, pid and state files of one running stack. */
  readonly runDir: string;
  /** Downloads and builds shared by every stack on the machine, keyed by version. */
  readonly cacheDir: string;
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly etcdPort: number;
  readonly etcdPeerPort: number;
  /** The coordinator's REST API (Kafka Connect's 8083). */
  readonly restPort: number;
  /** Run Jaeger and have every service export its traces there (`cmesh up --tracing`, on with --demo). */
  readonly tracing: boolean;
  /** Jaeger's OTLP/HTTP receiver, when tracing. */
  readonly otlpPort: number;
  /** Jaeger's query API and UI address, when tracing. */
  readonly jaegerQueryPort: number;
  /** What `cmesh up --with` adds to the stack (none by default), in start order. */
  readonly withComponents: readonly OptionalComponent[];
  /** MariaDB's port, when `withComponents` has it. */
  readonly mariadbPort: number;
  /** PostgreSQL's port, when `withComponents` has it. */
  readonly postgresPort: number;
  /** Elasticsearch's HTTP port, when `withComponents` has it. */
  readonly elasticsearchPort: number;
  /** OpenSearch's HTTP port, when `withComponents` has it (9200 too by default, as OpenSearch's own). */
  readonly opensearchPort: number;
  /** Relative file paths in connector configs resolve against this directory (default: where cmesh runs). */
  readonly baseDir: string;
  /** The cluster's name: the prefix of all its state in etcd. */
  readonly cluster: string;
  /** Run the mesh's services from their TypeScript sources (through tsx) instead of the built dist/. */
  readonly runFromSource: boolean;
  /**
   * Extra flags for `node` when it starts the mesh's Node services, e.g. `--cpu-prof` (which NODE_OPTIONS
   * does not allow); none by default.
   */
  readonly nodeFlags?: readonly string[];
  /** How long each component may take to become ready. */
  readonly readyTimeoutMs: number;
  /**
   * How many worker processes the stack runs (`--workers`, CONNECT_MESH_WORKERS). A worker runs its tasks
   * on one thread, so more of them let a source task and a sink task run on different cores.
   */
  readonly workers: number;
  /**
   * Run the supervisor, which starts a mesh service (connector service, coordinator, worker) again when it
   * dies, with backoff (`--no-restart` or CONNECT_MESH_RESTART_CRASHED=0 turn it off, for tests that study
   * a crash themselves).
   */
  readonly restartCrashed: boolean;
}

/**
 * One worker by default. Measured on two cores (docs/performance.md), a second worker moved the file
 * pipeline's 1 KB lines about a quarter faster and its 100-byte lines about 6% faster, but spent about a
 * tenth more CPU in all and nearly doubled the p99 latency at 10,000 lines/s: a trade to choose, not a
 * default.
 */
const DEFAULT_WORKERS = 1;

/** More workers than this on one machine only compete for its cores. */
const MAX_WORKERS = 16;

/** Each component's usual port (Kafka's, etcd's, MariaDB's...), so that tools pointed at the defaults just work. */
export const DEFAULT_PORTS = {
  kafkaPort: 9092,
  kafkaControllerPort: 9093,
  etcdPort: 2379,
  etcdPeerPort: 2380,
  restPort: 8083,
  otlpPort: 4318,
  jaegerQueryPort: 16686,
  mariadbPort: 3306,
  postgresPort: 5432,
  elasticsearchPort: 9200,
  opensearchPort: 9200,
} as const;

/**
 * The stack's config from the environment, the one place that reads it:
 * CONNECT_MESH_RUN_DIR (default `<cwd>/.run`), CONNECT_MESH_CACHE_DIR (default ~/.cache/connect-mesh),
 * CONNECT_MESH_KAFKA_PORT, CONNECT_MESH_KAFKA_CONTROLLER_PORT, CONNECT_MESH_ETCD_PORT,
 * CONNECT_MESH_ETCD_PEER_PORT, CONNECT_MESH_REST_PORT, CONNECT_MESH_CLUSTER (default "local") and
 * CONNECT_MESH_RUN_FROM_SOURCE ("1" to run the services' sources), CONNECT_MESH_BASE_DIR (default: the
 * current directory), CONNECT_MESH_TRACING ("1" to run Jaeger), CONNECT_MESH_OTLP_PORT,
 * CONNECT_MESH_JAEGER_QUERY_PORT, CONNECT_MESH_WITH (optional components, e.g. "mariadb,postgres"),
 * CONNECT_MESH_MARIADB_PORT, CONNECT_MESH_POSTGRES_PORT, CONNECT_MESH_ELASTICSEARCH_PORT,
 * CONNECT_MESH_OPENSEARCH_PORT, CONNECT_MESH_WORKERS (worker processes, default 1) and
 * CONNECT_MESH_RESTART_CRASHED ("0" to run no supervisor). `overrides`
 * (command-line flags) win. Elasticsearch and OpenSearch both default to 9200, so asking for both on one
 * port is refused here, before anything starts.
 */
export function stackConfigFromEnv(
  env: NodeJS.ProcessEnv,
  overrides: Partial<StackConfig> = {},
): StackConfig {
  const config: StackConfig = {
    runDir: env.CONNECT_MESH_RUN_DIR ?? join(process.cwd(), ".run"),
    cacheDir: env.CONNECT_MESH_CACHE_DIR ?? join(homedir(), ".cache", "connect-mesh"),
    kafkaPort: portFrom(env, "CONNECT_MESH_KAFKA_PORT", DEFAULT_PORTS.kafkaPort),
    kafkaControllerPort: portFrom(
      env,
      "CONNECT_MESH_KAFKA_CONTROLLER_PORT",
      DEFAULT_PORTS.kafkaControllerPort,
    ),
    etcdPort: portFrom(env, "CONNECT_MESH_ETCD_PORT", DEFAULT_PORTS.etcdPort),
    etcdPeerPort: portFrom(env, "CONNECT_MESH_ETCD_PEER_PORT", DEFAULT_PORTS.etcdPeerPort),
    restPort: portFrom(env, "CONNECT_MESH_REST_PORT", DEFAULT_PORTS.restPort),
    tracing: env.CONNECT_MESH_TRACING === "1",
    otlpPort: portFrom(env, "CONNECT_MESH_OTLP_PORT", DEFAULT_PORTS.otlpPort),
    jaegerQueryPort: portFrom(env, "CONNECT_MESH_JAEGER_QUERY_PORT", DEFAULT_PORTS.jaegerQueryPort),
    withComponents: parseOptionalComponents(env.CONNECT_MESH_WITH ?? "", "CONNECT_MESH_WITH"),
    mariadbPort: portFrom(env, "CONNECT_MESH_MARIADB_PORT", DEFAULT_PORTS.mariadbPort),
    postgresPort: portFrom(env, "CONNECT_MESH_POSTGRES_PORT", DEFAULT_PORTS.postgresPort),
    elasticsearchPort: portFrom(env, "CONNECT_MESH_ELASTICSEARCH_PORT", DEFAULT_PORTS.elasticsearchPort),
    opensearchPort: portFrom(env, "CONNECT_MESH_OPENSEARCH_PORT", DEFAULT_PORTS.opensearchPort),
    cluster: env.CONNECT_MESH_CLUSTER || "local",
    baseDir: env.CONNECT_MESH_BASE_DIR ?? process.cwd(),
    runFromSource: env.CONNECT_MESH_RUN_FROM_SOURCE === "1",
    readyTimeoutMs: 90_000,
    workers: workersFrom(env.CONNECT_MESH_WORKERS),
    restartCrashed: env.CONNECT_MESH_RESTART_CRASHED !== "0",
    ...overrides,
  };
  ensureSearchEnginePortsDiffer(config);
  return {
    ...config,
    runDir: resolve(config.runDir),
    cacheDir: resolve(config.cacheDir),
    baseDir: resolve(config.baseDir),
  };
}

/** Parses a TCP port, with an error that names where the bad value came from. */
export function parsePort(text: string, source: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) {
    throw new StackError(`${source} must be a TCP port from 1 to 65535, not "${text}"`);
  }
  return port;
}

/** Parses a worker count, with an error that names where the bad value came from. */
export function parseWorkerCount(text: string, source: string): number {
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(count >= 1 && count <= MAX_WORKERS)) {
    throw new StackError(`${source} must be a number of workers from 1 to ${MAX_WORKERS}, not "${text}"`);
  }
  return count;
}

function workersFrom(text: string | undefined): number {
  return text === undefined || text === "" ? DEFAULT_WORKERS : parseWorkerCount(text, "CONNECT_MESH_WORKERS");
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  return text === undefined || text === "" ? fallback : parsePort(text, name);
}

function ensureSearchEnginePortsDiffer(config: StackConfig): void {
  const both =
    config.withComponents.includes("elasticsearch") && config.withComponents.includes("opensearch");
  if (both && config.elasticsearchPort === config.opensearchPort) {
    throw new StackError(
      `Elasticsearch and OpenSearch cannot both listen on port ${config.elasticsearchPort}; give one another port (--opensearch-port 9201 or CONNECT_MESH_OPENSEARCH_PORT=9201)`,
    );
  }
}
