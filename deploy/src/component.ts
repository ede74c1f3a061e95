/** A process of the local stack, as recorded in the run directory's state file. */
export interface RunningComponent {
  /** "kafka", "etcd", and later the mesh's own services. */
  readonly name: string;
  readonly pid: number;
  /** Where clients reach it, e.g. "127.0.0.1:9092" or "http://127.0.0.1:2379". */
  readonly address: string;
  readonly logFile: string;
}

/** Whether a component answers as it should, and if not, what it said. */
export type Health = { readonly healthy: true } | { readonly healthy: false; readonly reason: string };
