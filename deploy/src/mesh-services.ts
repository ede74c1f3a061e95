import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterKeys } from "@connect-mesh/cluster-state";
import { serviceKey } from "@connect-mesh/coordination";
import type { RunningComponent } from "./component.js";
import { outputOf, runToCompletion, startDetached, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { StackError } from "./stack-error.js";

/** The repository root, the same from deploy/src and deploy/dist. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where the mesh's services find the infrastructure, and how to run them. */
export interface MeshSettings {
  readonly runDir: string;
  readonly etcdUrl: string;
  readonly kafkaBootstrap: string;
  readonly restPort: number;
  readonly cluster: string;
  /** Relative paths in connector configs (the file connector's `file`) resolve against this directory. */
  readonly baseDir: string;
  /** Run TypeScript sources through tsx instead of the built dist/ (the tests do, so they never run stale code). */
  readonly runFromSource: boolean;
  /** Extra flags for `node` in front of a Node service's entry point (the bench's --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  /** The file connector service's gRPC port. */
  readonly fileConnectorPort: number;
  /** The JDBC connector service's gRPC port. */
  readonly jdbcConnectorPort: number;
  /** The search (Elasticsearch and OpenSearch sink) connector service's gRPC port. */
  readonly searchConnectorPort: number;
  /** The Go datagen connector service's gRPC port. */
  readonly datagenPort: number;
  /** The Python HTTP sink connector service's gRPC port. */
  readonly httpSinkPort: number;
  /**
   * Where each service serves Prometheus `/metrics` on 127.0.0.1 (CONNECT_MESH_METRICS_PORT), by
   * service name; each also advertises it in the service registry. Absent in a stack.json written
   * before it existed: those services took any free port.
   */
  readonly metricsPorts?: Readonly<Record<string, number>>;
  /** The trace backend's OTLP/HTTP endpoint, when the stack runs one; the services export their spans there. */
  readonly otlpEndpoint?: string;
  /** How many worker processes run; absent in a stack.json written before there could be more than one. */
  readonly workers?: number;
}

/** One mesh service: its package directory, the language it runs in, and how to reach and probe it. */
export interface MeshService {
  readonly name: string;
  readonly packageDir: string;
  /** node: `src/main.ts` or `dist/main.js`; go: `./cmd/<name>` built first; python: a module in `src/`, in its venv. */
  readonly runtime:
    | { readonly kind: "node" }
    | { readonly kind: "go"; readonly main: string }
    | { readonly kind: "python"; readonly module: string };
  readonly env: Record<string, string>;
  readonly address: string;
  readonly probe: RunningComponent["probe"];
}

/** The services `cmesh up` starts after Kafka and etcd, in start order. */
export function meshServices(settings: MeshSettings): MeshService[] {
  const keys = new ClusterKeys(settings.cluster);
  const common = {
    CONNECT_MESH_ETCD_ENDPOINTS: settings.etcdUrl,
    CONNECT_MESH_KAFKA_BOOTSTRAP: settings.kafkaBootstrap,
    CONNECT_MESH_CLUSTER: settings.cluster,
    // OpenTelemetry's own variable: every service's telemetry turns tracing on when it is set.
    ...(settings.otlpEndpoint === undefined ? {} : { OTEL_EXPORTER_OTLP_ENDPOINT: settings.otlpEndpoint }),
  };
  const registered = (type: string, id: string) => ({
    kind: "registered" as const,
    etcdUrl: settings.etcdUrl,
    key: serviceKey(keys.servicesRoot, type, id),
  });
  const restUrl = `http://127.0.0.1:${settings.restPort}`;
  const metricsPort = (name: string): Record<string, string> => {
    const port = settings.metricsPorts?.[name];
    return port === undefined ? {} : { CONNECT_MESH_METRICS_PORT: String(port) };
  };
  return [
    {
      name: "connector-file",
      packageDir: "services/connectors/file",
      runtime: { kind: "node" },
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "file-1",
        CONNECT_MESH_BASE_DIR: settings.baseDir,
        CONNECT_MESH_FILE_CONNECTOR_PORT: String(settings.fileConnectorPort),
        ...metricsPort("connector-file"),
      },
      address: `127.0.0.1:${settings.fileConnectorPort}`,
      probe: registered("connector", "file-1"),
    },
    {
      name: "connector-jdbc",
      packageDir: "services/connectors/jdbc",
      runtime: { kind: "node" },
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "jdbc-1",
        CONNECT_MESH_JDBC_CONNECTOR_PORT: String(settings.jdbcConnectorPort),
        ...metricsPort("connector-jdbc"),
      },
      address: `127.0.0.1:${settings.jdbcConnectorPort}`,
      probe: registered("connector", "jdbc-1"),
    },
    {
      name: "connector-search",
      packageDir: "services/connectors/search",
      runtime: { kind: "node" },
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "search-1",
        CONNECT_MESH_SEARCH_CONNECTOR_PORT: String(settings.searchConnectorPort),
        ...metricsPort("connector-search"),
      },
      address: `127.0.0.1:${settings.searchConnectorPort}`,
      probe: registered("connector", "search-1"),
    },
    {
      name: "connector-datagen-go",
      packageDir: "services/connectors/datagen-go",
      runtime: { kind: "go", main: "./cmd/datagen" },
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "datagen-1",
        CONNECT_MESH_DATAGEN_PORT: String(settings.datagenPort),
        ...metricsPort("connector-datagen-go"),
      },
      address: `127.0.0.1:${settings.datagenPort}`,
      probe: registered("connector", "datagen-1"),
    },
    {
      name: "connector-http-python",
      packageDir: "services/connectors/http-python",
      runtime: { kind: "python", module: "connectmesh_http_sink" },
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "http-1",
        CONNECT_MESH_HTTP_SINK_PORT: String(settings.httpSinkPort),
        ...metricsPort("connector-http-python"),
      },
      address: `127.0.0.1:${settings.httpSinkPort}`,
      probe: registered("connector", "http-1"),
    },
    {
      name: "coordinator",
      packageDir: "services/coordinator",
      runtime: { kind: "node" },
      env: {
        ...common,
        CONNECT_MESH_REST_PORT: String(settings.restPort),
        CONNECT_MESH_COORDINATOR_ID: "coordinator-1",
        ...metricsPort("coordinator"),
      },
      address: restUrl,
      probe: { kind: "http", url: `${restUrl}/` },
    },
    ...workerComponents(settings.workers ?? 1).map(({ name, workerId }) => ({
      name,
      packageDir: "services/worker",
      runtime: { kind: "node" as const },
      env: { ...common, CONNECT_MESH_WORKER_ID: workerId, ...metricsPort(name) },
      address: workerId,
      probe: registered("worker", workerId),
    })),
  ];
}

/**
 * The stack's worker processes: component names and worker ids. The first keeps the name "worker" that
 * the stack's only worker had, so scripts and `cmesh status` readers of a one-worker stack see no change.
 */
export function workerComponents(count: number): { readonly name: string; readonly workerId: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const workerId = `worker-${index + 1}`;
    return { name: index === 0 ? "worker" : workerId, workerId };
  });
}

/**
 * Starts one mesh service as a detached process logging to `<runDir>/<name>/<name>.log`. A Go service is
 * built first (Go's build cache makes that quick after the first time); a Python service runs in the venv
 * its own setup script prepares. The run directory is always on the command line: it marks the process as
 * ours (see isOurProcess).
 */
export async function launchMeshService(
  service: MeshService,
  settings: MeshSettings,
  progress: Progress,
): Promise<RunningComponent> {
  const home = join(settings.runDir, service.name);
  await mkdir(home, { recursive: true });
  const packageDir = join(REPO_ROOT, service.packageDir);
  const logFile = join(home, `${service.name}.log`);
  const marker = `--connect-mesh-run-dir=${settings.runDir}`;
  const { command, args, env } = await commandFor(service, packageDir, home, settings, progress);
  const pid = await startDetached(command, [...args, marker], {
    cwd: service.runtime.kind === "node" ? REPO_ROOT : packageDir,
    logFile,
    env: { ...process.env, ...service.env, ...env },
  });
  return { name: service.name, pid, address: service.address, logFile, probe: service.probe };
}

/**
 * V8 flags for every Node service, as its package's `start` script has them too. V8's memory reducer
 * shrinks an idle process's heap, and a service that then gets busy again (a worker between pipelines)
 * ran with its heap held at about 65 MB, a full garbage collection every 100 ms or so, for its first
 * seconds or its whole run: twice the CPU per record, and its RSS low, in about one run in three after an
 * idle spell (docs/performance.md, "Third round"). A server keeps its heap instead, as a JVM does.
 */
const NODE_SERVICE_FLAGS = ["--no-memory-reducer"];

/**
 * The arguments that make `node` run a package's entry point `<name>`: its TypeScript source through tsx
 * (`runFromSource`), else its build in dist/, which must exist.
 */
export function nodeEntry(packageDir: string, name: string, runFromSource: boolean): string[] {
  const entry = runFromSource
    ? ["--conditions=@connect-mesh/source", "--import", "tsx", join(packageDir, `src/${name}.ts`)]
    : [join(packageDir, `dist/${name}.js`)];
  const script = entry[entry.length - 1] ?? "";
  if (!existsSync(script)) {
    throw new StackError(
      `${script} does not exist; run \`npm run build\` first (the README's first command does)`,
    );
  }
  return entry;
}

async function commandFor(
  service: MeshService,
  packageDir: string,
  home: string,
  settings: MeshSettings,
  progress: Progress,
): Promise<{ command: string; args: string[]; env: Record<string, string> }> {
  switch (service.runtime.kind) {
    case "node":
      return {
        command: process.execPath,
        args: [
          ...NODE_SERVICE_FLAGS,
          ...(settings.nodeFlags ?? []),
          ...nodeEntry(packageDir, "main", settings.runFromSource),
        ],
        env: {},
      };
    case "go": {
      const binary = join(home, basename(service.runtime.main));
      const logFile = join(home, "build.log");
      const main = service.runtime.main;
      const exitCode = await reportSlowStep(progress, `building ${service.name} with Go`, () =>
        runToCompletion("go", ["build", "-o", binary, main], { cwd: packageDir, logFile }),
      );
      if (exitCode !== 0) {
        throw new StackError(`building ${service.name} failed (go exited ${exitCode}); see ${logFile}`, {
          detail: await tailOf(logFile),
        });
      }
      return { command: binary, args: [], env: {} };
    }
    case "python": {
      const logFile = join(home, "setup.log");
      const venv = await reportSlowStep(progress, `preparing ${service.name}'s Python environment`, () =>
        outputOf("bash", [join(packageDir, "scripts/setup-venv.sh")], { cwd: packageDir, logFile }),
      );
      if (venv === undefined) {
        throw new StackError(`preparing ${service.name}'s Python environment failed; see ${logFile}`, {
          detail: await tailOf(logFile),
        });
      }
      return {
        command: join(venv, "bin", "python"),
        args: ["-m", service.runtime.module],
        env: { PYTHONPATH: join(packageDir, "src") },
      };
    }
  }
}
