import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClusterKeys } from "@connect-mesh/cluster-state";
import { serviceKey } from "@connect-mesh/coordination";
import type { RunningComponent } from "./component.js";
import { startDetached } from "./processes.js";
import { StackError } from "./stack-error.js";

/** The repository root, the same from deploy/src and deploy/dist. */
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

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
  /** The file connector service's gRPC port. */
  readonly fileConnectorPort: number;
}

/** One mesh service: its package directory and how to reach and probe it. */
export interface MeshService {
  readonly name: string;
  readonly packageDir: string;
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
  };
  const registered = (type: string, id: string) => ({
    kind: "registered" as const,
    etcdUrl: settings.etcdUrl,
    key: serviceKey(keys.servicesRoot, type, id),
  });
  const restUrl = `http://127.0.0.1:${settings.restPort}`;
  return [
    {
      name: "connector-file",
      packageDir: "services/connectors/file",
      env: {
        ...common,
        CONNECT_MESH_INSTANCE_ID: "file-1",
        CONNECT_MESH_BASE_DIR: settings.baseDir,
        CONNECT_MESH_FILE_CONNECTOR_PORT: String(settings.fileConnectorPort),
      },
      address: `127.0.0.1:${settings.fileConnectorPort}`,
      probe: registered("connector", "file-1"),
    },
    {
      name: "coordinator",
      packageDir: "services/coordinator",
      env: {
        ...common,
        CONNECT_MESH_REST_PORT: String(settings.restPort),
        CONNECT_MESH_COORDINATOR_ID: "coordinator-1",
      },
      address: restUrl,
      probe: { kind: "http", url: `${restUrl}/` },
    },
    {
      name: "worker",
      packageDir: "services/worker",
      env: { ...common, CONNECT_MESH_WORKER_ID: "worker-1" },
      address: "worker-1",
      probe: registered("worker", "worker-1"),
    },
  ];
}

/** Starts one mesh service as a detached node process logging to `<runDir>/<name>/<name>.log`. */
export async function launchMeshService(
  service: MeshService,
  settings: MeshSettings,
): Promise<RunningComponent> {
  const home = join(settings.runDir, service.name);
  await mkdir(home, { recursive: true });
  const packageDir = join(REPO_ROOT, service.packageDir);
  const entry = settings.runFromSource
    ? ["--conditions=@connect-mesh/source", "--import", "tsx", join(packageDir, "src/main.ts")]
    : [join(packageDir, "dist/main.js")];
  const script = entry[entry.length - 1] ?? "";
  if (!existsSync(script)) {
    throw new StackError(
      `${script} does not exist; run \`npm run build\` first (the README's first command does)`,
    );
  }
  const logFile = join(home, `${service.name}.log`);
  // The run directory on the command line marks the process as ours (see isOurProcess).
  const pid = await startDetached(process.execPath, [...entry, `--connect-mesh-run-dir=${settings.runDir}`], {
    cwd: REPO_ROOT,
    logFile,
    env: { ...process.env, ...service.env },
  });
  return { name: service.name, pid, address: service.address, logFile, probe: service.probe };
}
