/** How to tell whether a component answers as it should; recorded with it so `status` can ask later. */
export type HealthProbe =
  | { readonly kind: "kafka"; readonly bootstrap: string }
  | { readonly kind: "etcd"; readonly url: string }
  /** Any 2xx answer to a GET. */
  | { readonly kind: "http"; readonly url: string }
  /** Registered in the service registry: the key exists in etcd (it vanishes with the service's lease). */
  | { readonly kind: "registered"; readonly etcdUrl: string; readonly key: string }
  /** MariaDB answers `SELECT 1` over TCP, logged in as the stack's `root` (no password). */
  | { readonly kind: "mariadb"; readonly host: string; readonly port: number }
  /** PostgreSQL answers `SELECT 1` over TCP, logged in as the stack's `postgres` superuser. */
  | { readonly kind: "postgres"; readonly host: string; readonly port: number }
  /** Elasticsearch or OpenSearch at `url` says its `GET /_cluster/health` is green or yellow. */
  | { readonly kind: "cluster-health"; readonly url: string }
  /** The file was touched within the last `maxAgeMs`: the supervisor's sign that it keeps looking. */
  | { readonly kind: "heartbeat"; readonly file: string; readonly maxAgeMs: number };

/** A process of the local stack, as recorded in the run directory's state file. */
export interface RunningComponent {
  /** "etcd", "kafka", "coordinator", "worker", "connector-file". */
  readonly name: string;
  readonly pid: number;
  /** Where clients reach it, e.g. "127.0.0.1:9092" or "http://127.0.0.1:8083". */
  readonly address: string;
  readonly logFile: string;
  readonly probe: HealthProbe;
  /**
   * The signal that asks it for a clean and prompt stop, when SIGTERM is not that signal: PostgreSQL takes
   * SIGTERM as a "smart" shutdown that waits for every client to disconnect, SIGINT as a "fast" one.
   */
  readonly stopSignal?: NodeJS.Signals;
}

/** Whether a component answers as it should, and if not, what it said. */
export type Health = { readonly healthy: true } | { readonly healthy: false; readonly reason: string };
