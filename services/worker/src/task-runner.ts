import { sleep } from "@connect-mesh/async";
import { status as grpcStatus } from "@grpc/grpc-js";
import { Backoff } from "./backoff.js";
import { runSinkStream } from "./sink-task.js";
import { createSourceProducer, runSourceStream } from "./source-task.js";
import type { TaskContext } from "./task-context.js";
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

/** Whether retrying cannot help: the error says so, or the service ended the stream with a fatal status. */
function isFatal(error: unknown): boolean {
  if ((error as { retriable?: boolean }).retriable === false) return true;
  // Only a gRPC status counts here: kafkajs errors carry Kafka's own numeric codes in the same field.
  const isGrpcStatus = error instanceof Error && "details" in error && "metadata" in error;
  const code = (error as { code?: unknown }).code;
  return isGrpcStatus && typeof code === "number" && FATAL_STATUS_CODES.has(code);
}

/** An attempt that ran at least this long made progress, so the next failure backs off from the start. */
const HEALTHY_RUN_MS = 30_000;

/**
 * Keeps one task running: runs its stream, and when it fails with a retriable error (the connector service
 * went away, Kafka was unreachable) reports FAILED with the error and the next retry, waits with capped,
 * jittered backoff, and runs it again from the stored offsets. A non-retriable error leaves the task FAILED
 * until it is restarted or reconfigured. Kafka Connect never restarts failed tasks on its own; we do.
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
    const { status, logger } = this.context;
    const backoff = new Backoff();
    while (!this.stopping.signal.aborted) {
      const startedAt = Date.now();
      try {
        await this.runOnce();
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        if (isFatal(error)) {
          logger.error({ err: error }, "task failed and will not be retried");
          await status.report("FAILED", traceOf(error));
          return;
        }
        if (Date.now() - startedAt >= HEALTHY_RUN_MS) backoff.reset();
        const delayMs = backoff.nextDelayMs();
        logger.warn({ err: error, retryInMs: delayMs }, "task failed; retrying");
        await status.report("FAILED", `${traceOf(error)}\n(retrying in ${delayMs} ms)`);
        await sleep(delayMs, this.stopping.signal);
      }
    }
  }

  private async runOnce(): Promise<void> {
    if (this.kind === "sink") return runSinkStream(this.context, this.stopping.signal);
    const producer = createSourceProducer(this.context);
    await producer.connect();
    try {
      await runSourceStream(this.context, producer, this.stopping.signal);
    } finally {
      await producer.disconnect();
    }
  }
}
