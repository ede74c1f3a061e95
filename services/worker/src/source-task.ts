import { batchProblem, batchSize, unpackRecords } from "@connect-mesh/data";
import type { Producer } from "@connect-mesh/kafka";
import {
  ErrorKind,
  type Record as MeshRecord,
  type ReadResponse,
  type SourceBatch,
  type SourceOffset,
  SourceServiceClient,
  type Value,
} from "@connect-mesh/proto";
import { type SourceTaskMetrics, TaskTracer } from "@connect-mesh/telemetry";
import { BackgroundCommits } from "./background-commits.js";
import { connectClient } from "./connect-client.js";
import type { ErrorPolicy } from "./errors/error-policy.js";
import { openTaskErrorPolicy } from "./errors/task-error-policy.js";
import { OutgoingBatch } from "./outgoing-batch.js";
import { SourceRecordPipeline } from "./source-record-pipeline.js";
import { FatalTaskError, type TaskContext } from "./task-context.js";
import { taskConvertersFrom } from "./task-converters.js";
import { transformStagesFrom } from "./transform-stages.js";

/**
 * Batches the connector may have in flight. Two keep the pipeline full: the service reads batch N+1
 * while the worker writes batch N to Kafka.
 */
const CREDITS = 2;

/**
 * Runs one source task through one Read stream: runs each batch's records through the task's transforms and
 * converters (a failing record is handled as `errors.*` says), produces them to Kafka (idempotent,
 * acks=all) and grants the connector one more batch. Its offsets are stored in the background, only once
 * Kafka has the records and only while this worker still holds the task, and the connector is acked once
 * they are. Returns when `stopping` aborts (after storing the offsets of the batch in hand) or throws on
 * failure; the caller decides about retrying.
 */
export async function runSourceStream(
  context: TaskContext,
  producer: Producer,
  stopping: AbortSignal,
): Promise<void> {
  const { connector, task, config } = context;
  const tracer = TaskTracer.fromConfig({ connector, task }, config);
  const metrics = context.metrics.sourceTask({ connector, task });
  const errors = await openTaskErrorPolicy(context, metrics, tracer);
  // The offsets have a producer of their own, as Connect's offset store does: a producer sends one request
  // at a time, so sharing the records' producer would hold each batch's send behind the last store.
  const offsetsProducer = context.kafka.producer("offsets");
  try {
    await offsetsProducer.connect();
    const pipeline = new SourceRecordPipeline(
      transformStagesFrom(config),
      taskConvertersFrom(config),
      tracer,
    );
    await readAndWrite(
      { context, producer, pipeline, policy: errors.policy, metrics, stopping },
      offsetsProducer,
    );
  } finally {
    await offsetsProducer.disconnect();
    await errors.close();
  }
}

/**
 * The Read stream's loop: batches in, written to Kafka, one more credit each; their offsets are stored by
 * `commits` while the next batch is read and written, and each store acks the batches it covers.
 */
async function readAndWrite(writer: Omit<BatchWriter, "commits">, offsetsProducer: Producer): Promise<void> {
  const { context, stopping } = writer;
  const { connector, task, config, logger } = context;
  const { className, address } = await context.locator.locate(config["connector.class"] ?? "");
  const startOffsets = await context.offsets.read(connector, context.admin);
  const client = await connectClient(SourceServiceClient, address);
  const call = client.read();
  // The stream's failure reaches us through the loop below; this listener only keeps an error that comes
  // before the loop starts from being an unhandled 'error' event, which would crash the whole worker.
  call.on("error", (error: Error) => logger.debug({ err: error }, "the Read stream failed"));
  const endStream = () => call.end();
  stopping.addEventListener("abort", endStream, { once: true });
  const commits = new BackgroundCommits<StoredProgress>(
    {
      commit: async ({ offsets, throughSequence }) => {
        await storeOffsets(writer.metrics, context, [...offsets.values()], offsetsProducer);
        // A stream half-closed (a stop) or over takes no more requests; a restart resumes from the offsets.
        if (call.writable) call.write({ message: { $case: "ack", value: { throughSequence } } });
      },
      merge: (older, newer) => ({
        offsets: new Map([...older.offsets, ...newer.offsets]),
        throughSequence: newer.throughSequence,
      }),
      // Ends the loop below even while it waits for the connector's next batch.
      onFailure: () => call.cancel(),
    },
    context.commitCadence,
  );
  const batchWriter: BatchWriter = { ...writer, commits };
  // A stop that came while the task was still starting would otherwise never end the stream.
  if (stopping.aborted) endStream();
  try {
    call.write({
      message: {
        $case: "open",
        value: { plugin: className, connectorName: connector, taskId: task, config, offsets: startOffsets },
      },
    });
    call.write({ message: { $case: "credit", value: { batches: CREDITS } } });
    logger.info({ address, resumedPartitions: startOffsets.length }, "source task reading");
    await context.status.report("RUNNING");
    for await (const response of call as AsyncIterable<ReadResponse>) {
      const message = response.message;
      if (message?.$case === "error") {
        const error = new Error(`the connector reported: ${message.value.message}`);
        if (message.value.kind === ErrorKind.ERROR_KIND_RETRIABLE) throw error;
        throw new FatalTaskError(error.message, { cause: message.value.stackTrace || undefined });
      }
      if (message?.$case !== "batch") continue;
      const problem = batchProblem(message.value);
      if (problem !== undefined)
        throw new FatalTaskError(`the connector broke the Read contract: ${problem}`);
      const offsets = await writeBatch(batchWriter, message.value);
      commits.add({ offsets, throughSequence: message.value.sequence }, batchSize(message.value));
      if (stopping.aborted) break;
      call.write({ message: { $case: "credit", value: { batches: 1 } } });
    }
    // A stop stores the offsets of everything written before the stream ends.
    await commits.drain();
  } catch (error) {
    // What Kafka already has may still be stored (fenced as ever); no store outlives this run.
    await commits.drain().catch(() => undefined);
    // A failed commit cancels the stream: its own error is the one that says why.
    throw commits.error ?? error;
  } finally {
    stopping.removeEventListener("abort", endStream);
    call.cancel();
    client.close();
  }
}

/** What writing a batch needs, built once per stream. */
interface BatchWriter {
  readonly context: TaskContext;
  readonly producer: Producer;
  readonly pipeline: SourceRecordPipeline;
  readonly policy: ErrorPolicy;
  readonly metrics: SourceTaskMetrics;
  readonly stopping: AbortSignal;
  /** Stores offsets in the background; a batch waits here only while too much is unstored. */
  readonly commits: BackgroundCommits<StoredProgress>;
}

/** What a background store covers: the latest offset per source partition, and the batches to ack. */
interface StoredProgress {
  readonly offsets: ReadonlyMap<string, SourceOffset>;
  readonly throughSequence: bigint;
}

/**
 * Runs a batch through the pipeline, parks or fails on the records that fail (errors.tolerance), sends the
 * rest, and returns the batch's latest offsets, to be stored once it is written. The offsets cover skipped
 * and dropped records too, so they are returned only after their dead-letter copies are acked.
 */
async function writeBatch(writer: BatchWriter, batch: SourceBatch): Promise<Map<string, SourceOffset>> {
  const { context, producer, metrics, commits } = writer;
  const pipeline = writer.pipeline.forBatch();
  const recordCount = batchSize(batch);
  metrics.countPolled(recordCount);
  const outgoing = new OutgoingBatch();
  const latestOffsets = new Map<string, SourceOffset>();
  const noteOffset = (partition: Value | undefined, offset: Value | undefined) => {
    if (partition === undefined) return;
    latestOffsets.set(context.offsets.keyOf(context.connector, partition), { partition, offset });
  };
  for (const run of batch.packed) {
    const messages = pipeline.processRun(run);
    if (messages === undefined)
      await processRecords(writer, pipeline, unpackRecords(run), outgoing, noteOffset);
    else {
      outgoing.addAll(run.topic, messages);
      noteOffset(run.sourcePartition, run.lastSourceOffset);
    }
  }
  await processRecords(writer, pipeline, batch.records, outgoing, noteOffset);
  await writer.policy.flush();
  // Holds these records back while the offsets of the batches before are too far behind.
  await commits.roomFor(recordCount);
  await outgoing.send(producer);
  if (outgoing.count > 0) metrics.countWritten(outgoing.count);
  for (const topic of outgoing.topics()) await context.activeTopics.record(context.connector, topic);
  return latestOffsets;
}

/** Runs each record through the pipeline: a failure goes to the error policy, a message to `outgoing`. */
async function processRecords(
  { policy, stopping }: BatchWriter,
  pipeline: SourceRecordPipeline,
  records: readonly MeshRecord[],
  outgoing: OutgoingBatch,
  noteOffset: (partition: Value | undefined, offset: Value | undefined) => void,
): Promise<void> {
  for (const record of records) {
    const outcome = await policy.settle(() => pipeline.process(record), stopping);
    if (outcome?.kind === "produce") outgoing.add(outcome);
    noteOffset(record.sourcePartition, record.sourceOffset);
  }
}

/** Stores offsets of records Kafka has, only while this worker still holds the task (fencing). */
async function storeOffsets(
  metrics: SourceTaskMetrics,
  context: TaskContext,
  offsets: readonly SourceOffset[],
  producer: Producer,
): Promise<void> {
  await context.confirmStillAssigned();
  try {
    await context.offsets.write(context.connector, offsets, producer);
    metrics.observeOffsetCommit(true);
  } catch (error) {
    metrics.observeOffsetCommit(false);
    throw error;
  }
}
