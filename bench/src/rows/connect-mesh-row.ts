import type { BenchStack } from "../bench-stack.js";
import { ConnectRest } from "../connect-rest.js";
import { type FilePipelineTarget, measureFileLatency, measureFileThroughput } from "../file-pipeline.js";
import type { BenchContext, BenchRow } from "./bench-row.js";

/** The stack's components sampled in row D besides the broker and the workers, under the names the tables use. */
const SAMPLED = [
  ["connector-file", "file service"],
  ["coordinator", "coordinator"],
  ["etcd", "etcd"],
] as const;

/**
 * Row D, connect-mesh: the same connectors over the same REST API as row C, run by the bench's own stack
 * (coordinator, worker and the TypeScript file service, from their built dist/).
 */
export function connectMeshRow(context: BenchContext, stack: BenchStack): BenchRow {
  const target = meshPipelineTarget(stack);
  return {
    id: "D",
    title: "connect-mesh: coordinator + worker + file service (Node)",
    measureThroughput: (workload, runId) => measureFileThroughput(context, target, workload, runId),
    measureLatency: (plan, runId) => measureFileLatency(context, target, plan, runId),
    close: async () => {},
  };
}

/** The mesh as a file pipeline; its pids are looked up at each run, since the tracing runs restart services. */
export function meshPipelineTarget(
  stack: BenchStack,
  connectorSettings?: Readonly<Record<string, string>>,
): FilePipelineTarget {
  return {
    rest: new ConnectRest(stack.restUrl),
    get processes() {
      return [
        ...stack.workerProcesses(),
        ...SAMPLED.map(([component, label]) => ({ label, pid: stack.pidOf(component) })),
      ];
    },
    connectorSettings,
  };
}
