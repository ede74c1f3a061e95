import { join } from "node:path";
import { startChild } from "../child-process.js";
import { onFreshTopic } from "../measurement.js";
import type { LatencyPlan, RowId, Workload } from "../options.js";
import type { RawLoopJob, RawLoopReport } from "../raw-loop/job.js";
import { type LatencyRun, type ThroughputRun, throughputRun } from "../results.js";
import type { BenchContext, BenchRow } from "./bench-row.js";

/** Which client library a raw loop row runs, and how the tables name it. */
export interface RawLoopClient {
  readonly id: RowId;
  readonly title: string;
  /** The row's program, from the repository's root: a raw-loop/run-job.ts with the library's clients. */
  readonly program: string;
  /** The program's process in the processes table ("kafkajs loop"). */
  readonly processLabel: string;
}

/**
 * A row of one Node process with a producer and a consumer of one client library, set up and batching as
 * the worker's source and sink tasks are, moving the same JSON envelopes through the broker (see
 * raw-loop/). It runs in its own process, which reports its own CPU and memory.
 */
export function rawLoopRow(context: BenchContext, client: RawLoopClient): BenchRow {
  const run = (job: RawLoopJob, runId: string) =>
    onFreshTopic(context, job.topic, async (sampler) => {
      const logFile = join(context.workDir, `${runId}-loop.log`);
      const child = await startChild(
        process.execPath,
        [
          "--conditions=@connect-mesh/source",
          "--import",
          "tsx",
          join(context.repoRoot, client.program),
          JSON.stringify(job),
        ],
        { cwd: context.repoRoot, logFile },
      );
      const { exitCode, stdout } = await child.exited;
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      if (exitCode !== 0 || !lastLine.startsWith("{"))
        throw new Error(`the ${client.processLabel} program exited with ${exitCode}; see ${logFile}`);
      const report = JSON.parse(lastLine) as RawLoopReport;
      const processes = [
        ...(await sampler.stop()),
        { label: client.processLabel, peakRssMb: report.peakRssMb, cpuSeconds: report.cpuSeconds },
      ];
      const verification = {
        isOk: report.isVerified,
        method: "in order",
        detail: report.verificationDetail,
      };
      return { report, processes, verification };
    });

  return {
    id: client.id,
    title: client.title,

    async measureThroughput(workload: Workload, runId: string): Promise<ThroughputRun> {
      const { report, processes, verification } = await run(
        { kind: "throughput", bootstrap: context.bootstrap, topic: `bench-${runId}`, ...workload },
        runId,
      );
      return throughputRun({
        records: workload.lines,
        lineBytes: workload.lineBytes,
        seconds: report.seconds,
        processes,
        verification,
        notes: { produceRecordsPerSec: workload.lines / report.produceSeconds },
      });
    },

    async measureLatency(plan: LatencyPlan, runId: string): Promise<LatencyRun> {
      const job: RawLoopJob = {
        kind: "latency",
        bootstrap: context.bootstrap,
        topic: `bench-${runId}`,
        ratePerSec: plan.ratePerSec,
        warmupLines: plan.ratePerSec * plan.warmupSeconds,
        measuredLines: plan.ratePerSec * plan.seconds,
        lineBytes: plan.lineBytes,
      };
      const { report, processes, verification } = await run(job, runId);
      return {
        records: job.measuredLines,
        p50Ms: report.p50Ms ?? Number.NaN,
        p99Ms: report.p99Ms ?? Number.NaN,
        maxMs: report.maxMs ?? Number.NaN,
        measures: "handed to the producer → consumed (same process)",
        processes,
        verification,
      };
    },

    close: async () => {},
  };
}
