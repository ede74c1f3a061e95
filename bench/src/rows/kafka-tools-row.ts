import { join } from "node:path";
import { installKafkaTools } from "@connect-mesh/deploy";
import { startChild } from "../child-process.js";
import { envelopeBytes } from "../lines.js";
import { onFreshTopic } from "../measurement.js";
import type { LatencyPlan, Workload } from "../options.js";
import type { ProcessSampler } from "../process-sampler.js";
import { MAX_BYTES_PER_SEND, RECORDS_PER_SEND } from "../raw-loop/worker-batching.js";
import { type LatencyRun, type ThroughputRun, throughputRun } from "../results.js";
import type { BenchContext, BenchRow } from "./bench-row.js";
import { parseConsumerPerformance, parseProducerPerformance } from "./kafka-tools-output.js";

/**
 * The producer's batch.size: room for one of the worker's 2,000-record batches, as row B sends them, up to
 * just under the broker's message.max.bytes (1 MiB). Kafka's default (16 KB, about a hundred of these
 * records) makes the producer, not the broker, the bottleneck, and A is meant to be the broker's ceiling.
 */
function batchBytesFor(lineBytes: number): number {
  return Math.min(RECORDS_PER_SEND * envelopeBytes(lineBytes), MAX_BYTES_PER_SEND);
}

/** Kafka's perf-test scripts give the tools this heap. */
const TOOL_HEAP = "-Xmx512m";

/**
 * Row A, the broker's ceiling on this machine: Kafka's own ProducerPerformance (acks=all, batches as
 * large as the worker's, its other settings Kafka's defaults) writes records the size of the mesh's JSON
 * envelopes, then ConsumerPerformance reads them back. A pipeline's stages run at once, so it can go no
 * faster than the slower of the two: that rate is the row's end-to-end figure. Latency is the producer's
 * send-to-ack latency at the fixed rate.
 */
export async function kafkaToolsRow(context: BenchContext): Promise<BenchRow> {
  const classpath = await installKafkaTools(context.cacheDir, context.progress);

  const runTool = async (tool: string, args: string[], runId: string, sampler: ProcessSampler) => {
    const child = await startChild(
      "java",
      [TOOL_HEAP, "-cp", classpath, `org.apache.kafka.tools.${tool}`, ...args],
      {
        cwd: context.workDir,
        logFile: join(context.workDir, `${runId}-${tool}.log`),
      },
    );
    await sampler.track(tool === "ProducerPerformance" ? "producer-perf" : "consumer-perf", child.pid);
    const { exitCode, stdout } = await child.exited;
    if (exitCode !== 0)
      throw new Error(`${tool} exited with ${exitCode}; see ${context.workDir}/${runId}-${tool}.log`);
    return stdout;
  };

  const producerArgs = (topic: string, records: number, lineBytes: number, throughput: number) => [
    "--bootstrap-server",
    context.bootstrap,
    "--topic",
    topic,
    "--num-records",
    String(records),
    "--record-size",
    String(envelopeBytes(lineBytes)),
    "--throughput",
    String(throughput),
    "--command-property",
    "acks=all",
    `batch.size=${batchBytesFor(lineBytes)}`,
  ];

  return {
    id: "A",
    title: "Kafka's ProducerPerformance + ConsumerPerformance (Java)",

    async measureThroughput(workload: Workload, runId: string): Promise<ThroughputRun> {
      const topic = `bench-${runId}`;
      return onFreshTopic(context, topic, async (sampler) => {
        const produced = parseProducerPerformance(
          await runTool(
            "ProducerPerformance",
            producerArgs(topic, workload.lines, workload.lineBytes, -1),
            runId,
            sampler,
          ),
        );
        const consumed = parseConsumerPerformance(
          await runTool(
            "ConsumerPerformance",
            [
              "--bootstrap-server",
              context.bootstrap,
              "--topic",
              topic,
              "--num-records",
              String(workload.lines),
              "--group",
              `bench-${runId}`,
              "--timeout",
              "60000",
            ],
            runId,
            sampler,
          ),
        );
        const processes = await sampler.stop();
        if (produced === undefined || consumed === undefined)
          throw new Error(`Kafka's perf tools printed no summary; see their logs in ${context.workDir}`);
        const recordsPerSec = Math.min(produced.recordsPerSec, consumed.fetchRecordsPerSec);
        return throughputRun({
          records: workload.lines,
          lineBytes: workload.lineBytes,
          seconds: workload.lines / recordsPerSec,
          processes,
          verification: {
            isOk: produced.records === workload.lines && consumed.records === workload.lines,
            method: "count",
            detail: `${produced.records} records acked, ${consumed.records} consumed (the tools' payloads are random, so only counts compare)`,
          },
          notes: {
            produceRecordsPerSec: produced.recordsPerSec,
            consumeRecordsPerSec: consumed.fetchRecordsPerSec,
          },
        });
      });
    },

    async measureLatency(plan: LatencyPlan, runId: string): Promise<LatencyRun> {
      const topic = `bench-${runId}`;
      return onFreshTopic(context, topic, async (sampler) => {
        const warmup = plan.ratePerSec * plan.warmupSeconds;
        const records = warmup + plan.ratePerSec * plan.seconds;
        const args = [
          ...producerArgs(topic, records, plan.lineBytes, plan.ratePerSec),
          "--warmup-records",
          String(warmup),
        ];
        const produced = parseProducerPerformance(await runTool("ProducerPerformance", args, runId, sampler));
        const processes = await sampler.stop();
        if (produced === undefined)
          throw new Error(`ProducerPerformance printed no summary; see ${context.workDir}`);
        return {
          records: produced.records,
          p50Ms: produced.p50Ms,
          p99Ms: produced.p99Ms,
          maxMs: produced.maxMs,
          measures: "send → ack (ProducerPerformance's own latency, whole milliseconds)",
          processes,
          verification: {
            isOk: produced.records === records - warmup,
            method: "count",
            detail: `${produced.records} steady-state records acked`,
          },
        };
      });
    },

    close: async () => {},
  };
}
