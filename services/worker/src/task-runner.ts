import { sleep } from "@connect-mesh/async";
import { connectorRuntimeSettingsFrom } from "@connect-mesh/connector-config";
import { retriableVerdictOf } from "@connect-mesh/errors";
import { isKafkaError } from "@connect-mesh/kafka";
import { status as grpcStatus } from "@grpc/grpc-js";
import { Backoff } from "./backoff.js";
import { runSinkStream } from "./sink-task.js";
import { runSourceStream } from "./source-task.js";
import { type TaskContext, TaskFencedError } from "./task-context.js";
import { traceOf } from "./task-status-reporter.js";

/**
 * gRPC statuses with which a connector service ends a stream it will never accept as it is (the SDK's
 * convention for a failed open, a broken rule or an unknown plugin): retrying the same stream cannot help.
 */
const FATAL_STATUS_CODES = new Set([
  grpcStatus.INVALID_ARGUMENT,
  grpcStatus.NOT_FOUND,
  grpcStatus.FAILED_PRECONDITION,
  grpcStatus.UNIMPLEMENTED,
]);

/**
 * Whether retrying cannot help: the error says so (a FATAL connector error, a record no converter can read),
 * or the service ended the stream with a fatal status. Kafka client errors are never fatal here, even those
 * the client marks non-retriable (see isKafkaError): the task's own backoff keeps trying, and its status
 * shows why.
 */
function isFatal(error: unknown): boolean {
  if (isKafkaError(error)) return false;
  if (retriableVerdictOf(error) === false) return true;
  // Only a gRPC status counts here: other errors may carry numeric codes of their own in the same field.
  const isGrpcStatus = error instanceof Error && "details" in error && "metadata" in error;
  const code = (error as { code?: unknown }).code;
  return isGrpcStatus && typeof code === "number" && FATAL_STATUS_CODES.has(code);
}

/** An attempt that ran at least this long made progress, so the next failure backs off from the start. */
const HEALTHY_RUN_MS = 30_000;

/**
 * Keeps one task running: runs its stream, and when it fails with a retriable error (the connector service
 * went away, Kafka was unreachable) reports RESTARTING with the attempt count and the error, waits with
 * capped, jittered backoff (`task.restart.backoff.initial.ms`, `task.restart.backoff.max.ms`), and runs it
 * again from the stored offsets. A non-retriable error leaves the task FAILED until it is restarted or
 * reconfigured. Kafka Connect never restarts failed tasks on its own; we do.
 */
export class TaskRunner {
  private readonly stopping = new AbortController();
  private readonly done: Promise<void>;

  constructor(
    private readonly context: TaskContext,
    private readonly kind: "source" | "sink",
  ) {
    this.done = this.keepRunning();
  }

  /** Stops gracefully: the batch in hand is finished and committed, then the stream ends. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  private async keepRunning(): Promise<void> {
    const { status, logger, config } = this.context;
    const { initialMs, maxMs } = connectorRuntimeSettingsFrom(config).restartBackoff;
    const backoff = new Backoff(initialMs, maxMs);
    let attempt = 0;
    while (!this.stopping.signal.aborted) {
      const startedAt = Date.now();
      try {
        await this.runOnce();
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (error instanceof TaskFencedError) {
          // The task runs elsewhere now; its status there is not ours to write.
          logger.warn({ err: error }, "task fenced off; waiting to be stopped");
          return;
        }
        if (isFatal(error)) {
          logger.error({ err: error }, "task failed and will not be retried");
          await status.report("FAILED", traceOf(error));
          return;
        }
        if (Date.now() - startedAt >= HEALTHY_RUN_MS) {
          backoff.reset();
          attempt = 0;
        }
        attempt += 1;
        const delayMs = backoff.nextDelayMs();
        logger.warn({ err: error, attempt, retryInMs: delayMs }, "task failed; restarting it");
        await status.report(
          "RESTARTING",
          `restart attempt ${attempt} in ${delayMs} ms, after: ${traceOf(error)}`,
        );
        await sleep(delayMs, this.stopping.signal);
      }
    }
  }

  private async runOnce(): Promise<void> {
    if (this.kind === "sink") return runSinkStream(this.context, this.stopping.signal);
    const producer = this.context.kafka.producer("source");
    await producer.connect();
    try {
      await runSourceStream(this.context, producer, this.stopping.signal);
    } finally {
      await producer.disconnect();
    }
  }
}
