import { join } from "node:path";
import { startChild } from "../child-process.js";
import { onFreshTopic } from "../measurement.js";
import type { LatencyPlan, Workload } from "../options.js";
import type { RawKafkajsJob, RawKafkajsReport } from "../raw-kafkajs/job.js";
import { type LatencyRun, type ThroughputRun, throughputRun } from "../results.js";
import type { BenchContext, BenchRow } from "./bench-row.js";

/**
 * Row B, the Node ceiling: one Node process with a kafkajs producer and consumer, set up and batching as
 * the worker's source and sink tasks are, moving the same JSON envelopes through the broker (see
 * raw-kafkajs/). It runs in its own process, which reports its own CPU and memory.
 */
export function rawKafkajsRow(context: BenchContext): BenchRow {
  const run = (job: RawKafkajsJob, runId: string) =>
    onFreshTopic(context, job.topic, async (sampler) => {
      const logFile = join(context.workDir, `${runId}-kafkajs.log`);
      const program = join(context.repoRoot, "bench/src/raw-kafkajs/main.ts");
      const child = await startChild(
        process.execPath,
        ["--conditions=@connect-mesh/source", "--import", "tsx", program, JSON.stringify(job)],
        { cwd: context.repoRoot, logFile },
      );
      const { exitCode, stdout } = await child.exited;
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      if (exitCode !== 0 || !lastLine.startsWith("{"))
        throw new Error(`the raw kafkajs program exited with ${exitCode}; see ${logFile}`);
      const report = JSON.parse(lastLine) as RawKafkajsReport;
      const processes = [
        ...(await sampler.stop()),
        { label: "kafkajs loop", peakRssMb: report.peakRssMb, cpuSeconds: report.cpuSeconds },
      ];
      const verification = {
        isOk: report.isVerified,
        method: "in order",
        detail: report.verificationDetail,
      };
      return { report, processes, verification };
    });

  return {
    id: "B",
    title: "raw kafkajs produce + consume loop, the worker's settings (Node)",

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
      const job: RawKafkajsJob = {
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
