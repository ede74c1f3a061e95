import { appendFile, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConnectRest } from "./connect-rest.js";
import { fileSinkConfig, fileSourceConfig } from "./connector-configs.js";
import { compareFiles } from "./file-compare.js";
import { createBenchTopic, deleteBenchTopic, firstRecordTimestampMs } from "./kafka-topics.js";
import { latencySummary } from "./latency-summary.js";
import { parseLatencyLine } from "./lines.js";
import { startSampler } from "./measurement.js";
import type { LatencyPlan, Workload } from "./options.js";
import type { ProcessSampler } from "./process-sampler.js";
import { appendAtRate } from "./rate-writer.js";
import { type LatencyRun, type ThroughputRun, throughputRun } from "./results.js";
import type { BenchContext } from "./rows/bench-row.js";
import { waitForSinkFile } from "./sink-progress.js";
import { SinkTail } from "./sink-tail.js";
import { writeSourceFile } from "./source-file.js";

/** A runtime that runs Kafka Connect's file connectors behind Kafka Connect's REST API (rows C and D). */
export interface FilePipelineTarget {
  readonly rest: ConnectRest;
  /** The processes to sample besides the broker, e.g. the Connect JVM, or the worker and the file service. */
  readonly processes: readonly { readonly label: string; readonly pid: number }[];
  /** Settings both connectors get on top of the shared configs (the tracing runs' `trace.sampling.ratio`). */
  readonly connectorSettings?: Readonly<Record<string, string>>;
}

/** How long a latency run's sink may see no new line before the run is declared stuck. */
const STALL_MS = 60_000;

/** The latency run's first line, sent through the pipeline before the warm-up (see measureFileLatency). */
const PRIMER_LINE = "the pipeline carries a line before the warm-up starts\n";

/** One run's names: its topic, connectors and files, all after the run id. */
function runNames(context: BenchContext, runId: string) {
  const dir = join(context.workDir, runId);
  return {
    dir,
    topic: `bench-${runId}`,
    source: `bench-${runId}-source`,
    sink: `bench-${runId}-sink`,
    sourceFile: join(dir, "source.txt"),
    sinkFile: join(dir, "sink.txt"),
  };
}

/**
 * FileStreamSource → topic → FileStreamSink over a file written beforehand: measured from the first line
 * read (the first record's timestamp) to the last line written (the sink file's last modification), then
 * the sink file is checked against the source file.
 */
export async function measureFileThroughput(
  context: BenchContext,
  target: FilePipelineTarget,
  workload: Workload,
  runId: string,
): Promise<ThroughputRun> {
  const names = runNames(context, runId);
  await mkdir(names.dir, { recursive: true });
  await writeSourceFile(names.sourceFile, workload.lines, workload.lineBytes);
  const sourceBytes = (await stat(names.sourceFile)).size;
  await createBenchTopic(context.admin, names.topic);
  const sampler = await startSampler(context, target.processes);
  try {
    await createConnectors(target, names);
    const failureOf = async () =>
      (await target.rest.failureOf(names.source)) ?? (await target.rest.failureOf(names.sink));
    const lastWriteMs = await waitForSinkFile(names.sinkFile, sourceBytes, failureOf, context.signal);
    const processes = await sampler.stop();
    const firstReadMs = await firstRecordTimestampMs(context.kafka, names.topic, context.signal);
    await deleteConnectors(target, names);
    return throughputRun({
      records: workload.lines,
      lineBytes: workload.lineBytes,
      seconds: (lastWriteMs - firstReadMs) / 1000,
      processes,
      verification: await compareFiles(names.sourceFile, names.sinkFile, names.dir),
    });
  } finally {
    await cleanUp(context, target, sampler, names);
  }
}

/**
 * The same pipeline with both connectors running first, then lines appended to the source file at a
 * fixed rate, each stamped with its write time; the sink file is followed, and each line's latency is
 * the moment it was seen there minus its stamp. A first line through the pipeline and the warm-up lines
 * are not counted.
 */
export async function measureFileLatency(
  context: BenchContext,
  target: FilePipelineTarget,
  plan: LatencyPlan,
  runId: string,
): Promise<LatencyRun> {
  const names = runNames(context, runId);
  await mkdir(names.dir, { recursive: true });
  await createBenchTopic(context.admin, names.topic);
  const warmupLines = plan.ratePerSec * plan.warmupSeconds;
  const measuredLines = plan.ratePerSec * plan.seconds;
  const latenciesMs = new Float64Array(measuredLines);
  const tail = new SinkTail(names.sinkFile, (line, seenAtMicros) => {
    const parsed = parseLatencyLine(line);
    const index = (parsed?.sequence ?? -1) - warmupLines;
    if (parsed !== undefined && index >= 0 && index < measuredLines)
      latenciesMs[index] = (seenAtMicros - parsed.writtenAtMicros) / 1000;
  });
  let sampler: ProcessSampler | undefined;
  try {
    // The source file exists, empty, before the source starts, so it follows it from the first line.
    await writeFile(names.sourceFile, "");
    await createConnectors(target, names);
    await target.rest.waitUntilRunning(names.sink, context.signal);
    await target.rest.waitUntilRunning(names.source, context.signal);
    await tail.start(context.signal);
    // RUNNING says a task started, not that its consumer has joined its new group and fetched, nor that
    // every hop has carried a record: one line all the way through first, so the warm-up's lines meet a
    // settled pipeline and the measured ones a warm one. It is no latency line, so it is not counted.
    await appendFile(names.sourceFile, PRIMER_LINE);
    await tail.waitForLines(1, STALL_MS, context.signal);
    sampler = await startSampler(context, target.processes);
    const total = warmupLines + measuredLines;
    await appendAtRate({
      path: names.sourceFile,
      lines: total,
      ratePerSec: plan.ratePerSec,
      lineBytes: plan.lineBytes,
      signal: context.signal,
    });
    await tail.waitForLines(1 + total, STALL_MS, context.signal);
    const processes = await sampler.stop();
    await deleteConnectors(target, names);
    return {
      records: measuredLines,
      ...latencySummary(latenciesMs),
      measures: "line appended to the source file → line seen in the sink file",
      processes,
      verification: await compareFiles(names.sourceFile, names.sinkFile, names.dir),
    };
  } finally {
    await tail.stop();
    await cleanUp(context, target, sampler, names);
  }
}

/** The run's sink, then its source (so the sink is there when the first record is). */
async function createConnectors(
  target: FilePipelineTarget,
  names: ReturnType<typeof runNames>,
): Promise<void> {
  await target.rest.createConnector(names.sink, {
    ...fileSinkConfig(names.sinkFile, names.topic),
    ...target.connectorSettings,
  });
  await target.rest.createConnector(names.source, {
    ...fileSourceConfig(names.sourceFile, names.topic),
    ...target.connectorSettings,
  });
}

async function deleteConnectors(
  target: FilePipelineTarget,
  names: ReturnType<typeof runNames>,
): Promise<void> {
  await target.rest.deleteConnector(names.source);
  await target.rest.deleteConnector(names.sink);
}

/** Leaves nothing behind, whether the run finished or failed: connectors, topic, and the run's files. */
async function cleanUp(
  context: BenchContext,
  target: FilePipelineTarget,
  sampler: ProcessSampler | undefined,
  names: ReturnType<typeof runNames>,
): Promise<void> {
  await sampler?.stop();
  await deleteConnectors(target, names).catch((error: unknown) =>
    context.progress(`  could not delete the connectors of ${names.topic}: ${String(error)}`),
  );
  await deleteBenchTopic(context.admin, names.topic).catch((error: unknown) =>
    context.progress(`  could not delete topic ${names.topic}: ${String(error)}`),
  );
  await rm(names.dir, { recursive: true, force: true });
}
