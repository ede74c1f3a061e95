import type { EachBatchPayload, IncomingMessage } from "@connect-mesh/kafka";
import { SinkServiceClient } from "@connect-mesh/proto";
import { type SinkTaskMetrics, TaskTracer } from "@connect-mesh/telemetry";
import { BackgroundCommits } from "./background-commits.js";
import { bareStretches } from "./bare-stretches.js";
import { connectClient } from "./connect-client.js";
import type { ErrorPolicy } from "./errors/error-policy.js";
import { openTaskErrorPolicy } from "./errors/task-error-policy.js";
import { type PendingWrite, packedWrite, perRecordWrite, type Writable } from "./pending-write.js";
import { readsPackedBatches } from "./plugin-capabilities.js";
import { SinkRecordPipeline } from "./sink-record-pipeline.js";
import { consumedMessageOf, type SinkSubscription, sinkSubscriptionOf } from "./sink-subscription.js";
import type { TaskContext } from "./task-context.js";
import { taskConvertersFrom } from "./task-converters.js";
import { transformStagesFrom } from "./transform-stages.js";
import { WriteSession } from "./write-session.js";

/**
 * The most records sent, flushed and committed as one unit. The consumer hands over whatever one fetch
 * returned (see FetchedBatch); committing in smaller steps bounds what a crash can deliver twice to this
 * many records.
 */
const MAX_RECORDS_PER_BATCH = 2_000;

/** A partition's position to commit, and its lag as of that position. */
interface CommitPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly lag: number;
}

/** What a background commit covers: positions per partition, and the source timestamps of what it flushes. */
interface WrittenProgress {
  readonly positions: ReadonlyMap<string, CommitPosition>;
  readonly timestamps: readonly number[];
}

/**
 * Runs one sink task through one Write stream: consumes with the group `connect-<connector>` (its topics,
 * and its dead-letter queue's replay topic, see sink-subscription.ts), converts each fetched batch, sends it
 * (as several writes when only parts of it can be packed), waits for the acks, and hands its Kafka offsets
 * to a background commit (so the next batch is fetched and written while it runs), which asks the service
 * for a flush and commits only once the service says the records are durable, and only while this worker
 * still holds the task (the group's own generation fences a zombie's commit too, once Kafka has seen it go).
 * When the group rebalances, what is written is committed before the consumer rejoins (commitBeforeRevoke),
 * so a rebalance repeats nothing. Anything not committed is consumed again after a failure (at-least-once):
 * a crash repeats at most the records written since the last commit. Returns when `stopping` aborts,
 * after the batch in hand is committed; throws on failure.
 */
export async function runSinkStream(context: TaskContext, stopping: AbortSignal): Promise<void> {
  const { connector, task, config } = context;
  const tracer = TaskTracer.fromConfig({ connector, task }, config);
  const metrics = context.metrics.sinkTask({ connector, task });
  const errors = await openTaskErrorPolicy(context, metrics, tracer);
  try {
    const pipeline = new SinkRecordPipeline(transformStagesFrom(config), taskConvertersFrom(config), tracer);
    await consumeAndWrite(context, stopping, { pipeline, policy: errors.policy, metrics });
  } finally {
    await errors.close();
  }
}

async function consumeAndWrite(
  context: TaskContext,
  stopping: AbortSignal,
  {
    pipeline,
    policy,
    metrics,
  }: { pipeline: SinkRecordPipeline; policy: ErrorPolicy; metrics: SinkTaskMetrics },
): Promise<void> {
  const { connector, task, config, logger } = context;
  const { className, address } = await context.locator.locate(config["connector.class"] ?? "");
  const packs = await readsPackedBatches(address, className, logger);
  const subscription: SinkSubscription = await sinkSubscriptionOf(context);
  const client = await connectClient(SinkServiceClient, address);
  const call = client.write();
  const session = new WriteSession(call, {
    className,
    policy,
    metrics,
    status: context.status,
    logger,
    stopping,
  });
  let isDraining = false;
  // A consumer that crashes while this stream ends (its connection closing under it) must stay down, or it
  // rejoins the group and holds partitions no task reads.
  const consumer = context.kafka.sinkConsumer(connector, () => !isDraining);
  /** The consumer's lag per partition, as of each partition's last committed batch. */
  const lags = new Map<string, number>();
  const commits = new BackgroundCommits<WrittenProgress>(
    {
      commit: async ({ positions, timestamps }) => {
        if (timestamps.length > 0) {
          // Through the last batch written: the service flushes in order, after every batch before it.
          await session.flush();
          // Source timestamp to durable in the sink: the pipeline's end-to-end latency.
          metrics.observeEndToEndLatencies(Date.now(), timestamps);
        }
        // The offsets below cover the skipped records: their dead-letter copies must be in Kafka first.
        await policy.flush();
        await context.confirmStillAssigned();
        try {
          await consumer.commitOffsets(
            [...positions.values()].map(({ topic, partition, offset }) => ({ topic, partition, offset })),
          );
          metrics.observeOffsetCommit(true);
        } catch (error) {
          metrics.observeOffsetCommit(false);
          throw error;
        }
        for (const [key, { lag }] of positions) lags.set(key, lag);
        metrics.setConsumerLag(lags.values());
      },
      merge: (older, newer) => ({
        positions: new Map([...older.positions, ...newer.positions]),
        timestamps: older.timestamps.concat(newer.timestamps),
      }),
      onFailure: (error) => fail(error),
    },
    context.commitCadence,
  );
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;
  let failed: () => void = () => {};
  const hasFailed = new Promise<void>((resolve) => {
    failed = resolve;
  });
  const fail = (error: unknown) => {
    failure ??= error;
    failed();
  };

  /**
   * One partition's fetched messages as the writes that carry them, in order: each bare stretch (see
   * bareStretches) packed straight from its bytes where the pipeline allows it (processRun), every other
   * message through the pipeline one by one, its failure to the error policy. Replayed messages carry their
   * first read's position in headers, so they never pack.
   */
  const writesOf = async (
    batchPipeline: SinkRecordPipeline,
    { topic, partition }: { topic: string; partition: number },
    messages: readonly IncomingMessage[],
  ): Promise<PendingWrite[]> => {
    const stretches =
      packs && topic !== subscription.replayTopic
        ? bareStretches(messages)
        : [{ start: 0, end: messages.length, bare: false }];
    const writes: PendingWrite[] = [];
    let writable: Writable[] = [];
    for (const { start, end, bare } of stretches) {
      const stretch = messages.slice(start, end);
      const run = bare ? batchPipeline.processRun(topic, partition, stretch) : undefined;
      if (run !== undefined) {
        if (writable.length > 0) writes.push(perRecordWrite(writable));
        writable = [];
        writes.push(packedWrite(run, { topic, partition }, stretch));
        continue;
      }
      for (const message of stretch) {
        const consumed = consumedMessageOf(subscription, topic, partition, message);
        const outcome = await policy.settle(() => batchPipeline.process(consumed), stopping);
        if (outcome?.kind === "write") writable.push(outcome);
      }
    }
    if (writable.length > 0) writes.push(perRecordWrite(writable));
    return writes;
  };

  const writeBatch = async (payload: EachBatchPayload) => {
    if (isDraining || failure !== undefined || !payload.isRunning() || payload.isStale()) return;
    const writing = writeAndCommit(payload);
    inFlight = writing.then(() => undefined);
    const outcome = await writing;
    // The consumer handles its heartbeat's errors itself: a rebalance has it call onPartitionsRevoked and
    // rejoin; anything else it retries, or crashes on (see the CRASH listener). The rest of the batch waits.
    if (outcome !== undefined) throw outcome.heartbeatError;
  };

  /** Writes a batch, failing the task on any error but the heartbeat's, which it returns. */
  const writeAndCommit = async ({
    batch,
    resolveOffset,
    heartbeat,
  }: EachBatchPayload): Promise<{ heartbeatError: unknown } | undefined> => {
    try {
      // Replayed records were first read from the topics already recorded.
      if (batch.topic !== subscription.replayTopic) await context.activeTopics.record(connector, batch.topic);
      for (let start = 0; start < batch.messages.length; start += MAX_RECORDS_PER_BATCH) {
        const messages = batch.messages.slice(start, start + MAX_RECORDS_PER_BATCH);
        const last = messages[messages.length - 1];
        if (!last) return;
        metrics.countRead(messages.length);
        const writes = await writesOf(pipeline.forBatch(), batch, messages);
        // Holds these records back while the batches before are too far from committed.
        await commits.roomFor(messages.length);
        for (const pending of writes) await session.sendUntilAccepted(pending);
        const position: CommitPosition = {
          topic: batch.topic,
          partition: batch.partition,
          offset: String(BigInt(last.offset) + 1n),
          lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n)),
        };
        const positions = new Map([[`${batch.topic}/${batch.partition}`, position]]);
        const timestamps = writes.flatMap((pending) => pending.timestampsMs());
        commits.add({ positions, timestamps }, messages.length);
        resolveOffset(last.offset);
        try {
          await heartbeat();
        } catch (heartbeatError) {
          return { heartbeatError };
        }
      }
    } catch (error) {
      fail(error);
    }
    return undefined;
  };

  /**
   * Before the consumer rejoins a rebalancing group, which revokes every partition (see
   * ConsumerRunConfig.onPartitionsRevoked): commits what is written while the group still takes this
   * member's commits, so the partitions resume after it, on this task or another, and nothing written is
   * delivered twice. The batch in hand has ended by then. A commit that fails has failed the task already
   * (onFailure).
   */
  const commitBeforeRevoke = async () => {
    await inFlight;
    await commits.drain().catch(() => undefined);
  };

  call.on("error", fail);
  // The consumer restarts itself after a retriable crash (the group is rebalancing, its coordinator
  // moved): only a crash it gives up on ends the stream.
  consumer.on(consumer.events.CRASH, (event) => {
    if (event.payload.restart) logger.debug({ err: event.payload.error }, "the consumer restarts itself");
    else fail(event.payload.error);
  });
  const stopped = new Promise<void>((resolve) => {
    if (stopping.aborted) resolve();
    else stopping.addEventListener("abort", () => resolve(), { once: true });
  });
  try {
    session.open({ plugin: className, connectorName: connector, taskId: task, config, assigned: [] });
    await consumer.connect();
    await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: true });
    // Joining the group can take a while (a rebalance waits for every member): a stop must not wait for it.
    const joined = consumer
      .run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: writeBatch,
        onPartitionsRevoked: commitBeforeRevoke,
      })
      .then(() => true, fail);
    if (await Promise.race([joined, hasFailed, stopped])) {
      logger.info({ address }, "sink task writing");
      await context.status.report("RUNNING");
      await Promise.race([hasFailed, stopped]);
    }
  } finally {
    // Commits are dropped once stop() has begun (see Consumer.stop), so the batch in hand is finished
    // (written, flushed and committed) first; batches fetched after that are left uncommitted, to be read
    // again.
    isDraining = true;
    await inFlight;
    await commits.drain().catch(fail);
    await consumer.stop().catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
    call.end();
    call.cancel();
    client.close();
  }
  if (failure !== undefined && !stopping.aborted) throw failure;
}
