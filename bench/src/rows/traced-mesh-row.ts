import type { BenchStack } from "../bench-stack.js";
import { measureFileThroughput } from "../file-pipeline.js";
import type { Workload } from "../options.js";
import type { ThroughputRun } from "../results.js";
import type { TracingMode } from "../tracing-modes.js";
import type { BenchContext } from "./bench-row.js";
import { meshPipelineTarget } from "./connect-mesh-row.js";

/** Row D in one of the tracing modes, for the tracing-overhead runs. */
export interface TracedMeshRow {
  measureThroughput(mode: TracingMode, workload: Workload, runId: string): Promise<ThroughputRun>;
  /** Leaves the services as the other runs need them: with tracing off. */
  switchOff(): Promise<void>;
}

/**
 * Tracing is a process's setting (an OTLP endpoint) and sampling a connector's, so a mode is two things:
 * the worker and the file service restarted with `otlpEndpoint` or without one, and the connectors created
 * with the mode's `trace.sampling.ratio`. Every run restarts them, in every mode alike, so that no mode
 * runs on a process the JIT has warmed up and another on a cold one.
 */
export function tracedMeshRow(context: BenchContext, stack: BenchStack, otlpEndpoint: string): TracedMeshRow {
  let isTracing = false;
  const restart = async (on: boolean, purpose: string) => {
    context.progress(`  restarting the worker and the file service with tracing ${on ? "on" : "off"}`);
    await stack.restartRecordServices(on ? otlpEndpoint : undefined, purpose);
    isTracing = on;
  };
  return {
    measureThroughput: async (mode, workload, runId) => {
      await restart(mode.samplingRatio !== undefined, runId);
      const settings =
        mode.samplingRatio === undefined ? undefined : { "trace.sampling.ratio": String(mode.samplingRatio) };
      return measureFileThroughput(context, meshPipelineTarget(stack, settings), workload, runId);
    },
    switchOff: async () => {
      if (isTracing) await restart(false, "after-tracing");
    },
  };
}
