import { packRecords } from "@connect-mesh/data";
import type {
  Record as ConnectRecord,
  ReadOpen,
  ReadRequest,
  ReadResponse,
  SourceBatch,
} from "@connect-mesh/proto";
import type { Logger } from "@connect-mesh/telemetry";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import { fromValue } from "../plain-value.js";
import type { SourcePlugin, SourceTaskContext } from "../plugin.js";
import { abortable, settlesWithin, untilAborted } from "./abortable.js";
import { type AckedBatches, BatchLedger, mergeAcked } from "./batch-ledger.js";
import { CallChannel } from "./call-channel.js";
import { toConnectorError } from "./connector-error.js";
import { CreditWindow } from "./credit-window.js";
import { toCallStatus } from "./grpc-status.js";
import { ProtocolError } from "./protocol-errors.js";
import { sourceTaskContext } from "./source-task-context.js";
import type { StreamDeps } from "./stream-deps.js";
import { TASK_LOGGERS, taskLogger } from "./task-logger.js";
import { TaskTracing } from "./task-tracing.js";

/**
 * Serves one SourceService.Read stream, from `open` to the end. Never rejects: every outcome ends the call,
 * with an in-stream ReadResponse{error} for the plugin's failures and a gRPC status for broken stream rules.
 */
export async function serveRead(
  call: ServerDuplexStream<ReadRequest, ReadResponse>,
  deps: StreamDeps,
): Promise<void> {
  const channel = new CallChannel(call, deps.maxQueuedRequests);
  try {
    const first = await channel.next(deps.stopping);
    if (first === undefined) {
      channel.end();
      return;
    }
    if (first.message?.$case !== "open") {
      throw new ProtocolError(
        `the first ReadRequest must be open, not ${first.message?.$case ?? "an empty message"}`,
      );
    }
    const plugin = deps.registry.source(first.message.value.plugin);
    const tracing = new TaskTracing(first.message.value, call.metadata);
    await new SourceSession(channel, plugin, first.message.value, tracing, deps).run();
  } catch (error) {
    deps.logging.logger(TASK_LOGGERS.source).warn({ err: error }, "a Read stream was refused");
    channel.fail(toCallStatus(error));
  }
}

type ReadChannel = CallChannel<ReadRequest, ReadResponse>;

/** One running source task: a request loop (credits, acks) and a batch loop, stopped together. */
class SourceSession {
  private readonly stop = new AbortController();
  private readonly credits = new CreditWindow();
  private readonly ledger = new BatchLedger();
  private readonly task: SourceTaskContext;
  private readonly logger: Logger;
  private failure: { readonly error: unknown } | undefined;
  private commits: Promise<void> = Promise.resolve();
  private pendingCommit: AckedBatches | undefined;
  private hasCommitFailed = false;

  constructor(
    private readonly channel: ReadChannel,
    private readonly plugin: SourcePlugin,
    open: ReadOpen,
    private readonly tracing: TaskTracing,
    private readonly deps: StreamDeps,
  ) {
    this.logger = taskLogger(deps, plugin, open);
    const signal = AbortSignal.any([this.stop.signal, channel.cancelled, deps.stopping]);
    this.task = sourceTaskContext(open, signal, this.logger);
  }

  async run(): Promise<void> {
    this.logger.info({ offsets: this.task.offsets.length }, "source task started");
    await Promise.all([this.readRequests(), this.produceBatches()]);
    // Acks that arrived before the end are still committed (their records are durable in Kafka), but a
    // commit that hangs must not keep the stream, and the server's shutdown, waiting for ever.
    const timeoutMs = this.deps.taskStopTimeoutMs;
    if (!(await settlesWithin(this.commits, timeoutMs))) {
      this.logger.warn(
        { timeoutMs },
        "the source task's commit did not finish in time after the task stopped",
      );
    }
    await this.finish();
  }

  /** Credits and acks from the worker, until it half-closes or cancels, or the task stops. */
  private async readRequests(): Promise<void> {
    try {
      for (;;) {
        const request = await this.channel.next(this.task.signal);
        if (request === undefined) break;
        const message = request.message;
        switch (message?.$case) {
          case "credit":
            this.credits.grant(message.value.batches);
            break;
          case "ack": {
            const acked = this.ledger.acknowledge(message.value.throughSequence);
            if (acked !== undefined) this.scheduleCommit(acked);
            break;
          }
          default:
            throw new ProtocolError(
              `after open, a ReadRequest must be credit or ack, not ${message?.$case ?? "an empty message"}`,
            );
        }
      }
    } catch (error) {
      this.failWith(error);
    } finally {
      // Whatever ended the requests (the worker's half-close or cancel, or a broken rule) ends the task.
      this.stop.abort(new Error("the Read stream ended"));
    }
  }

  /** Pulls a batch from the plugin only when there is credit for it, so nothing is read ahead of demand. */
  private async produceBatches(): Promise<void> {
    const signal = this.task.signal;
    let batches: AsyncIterator<readonly ConnectRecord[]> | undefined;
    let pending: Promise<IteratorResult<readonly ConnectRecord[]>> | undefined;
    try {
      batches = this.plugin.read(this.task)[Symbol.asyncIterator]();
      for (;;) {
        await this.credits.waitForCredit(signal);
        pending = batches.next();
        const result = await abortable(pending, signal);
        pending = undefined;
        if (result.done === true) {
          // A source has no "end" in the contract: it waits for data until the worker stops it.
          this.logger.info({}, "the plugin's reader finished; idle until the worker ends the stream");
          await untilAborted(signal);
          return;
        }
        const records = result.value;
        if (records.length === 0) continue;
        this.credits.take();
        // Before the ledger and the send: the spans put each record's trace context on it.
        const spans = this.tracing.startSourceBatch(records);
        const sequence = this.ledger.recordSent(records);
        let isSent: boolean;
        try {
          isSent = await this.channel.send({
            message: { $case: "batch", value: batchOf(sequence, records) },
          });
        } finally {
          spans.end();
        }
        if (!isSent) return;
      }
    } catch (error) {
      // An error caused by stopping (an aborted wait) is the normal way out, not a failure.
      if (!signal.aborted) {
        this.tracing.recordReadFailure(error);
        this.failWith(error);
      }
    } finally {
      if (batches !== undefined) await this.closeReader(batches, pending);
    }
  }

  /**
   * Lets the plugin's generator finish (its `finally` blocks close files and connections), waiting at most
   * the configured time: a plugin that ignores its signal must not hold up the server's shutdown.
   */
  private async closeReader(
    batches: AsyncIterator<readonly ConnectRecord[]>,
    pending: Promise<IteratorResult<readonly ConnectRecord[]>> | undefined,
  ): Promise<void> {
    const cleanup = async (): Promise<void> => {
      try {
        // An async generator queues return() behind a pending next(), so settle that first.
        await pending;
        await batches.return?.();
      } catch (error) {
        // The task is stopping already; what it throws on the way out changes nothing.
        this.logger.debug({ err: error }, "the plugin's reader threw while stopping");
      }
    };
    const timeoutMs = this.deps.taskStopTimeoutMs;
    if (!(await settlesWithin(cleanup(), timeoutMs))) {
      this.logger.warn(
        { timeoutMs },
        "the source task did not stop in time after its signal aborted; moving on",
      );
    }
  }

  /** Queues a commit; acks that come while one runs are merged into the next, so at most one waits. */
  private scheduleCommit(acked: AckedBatches): void {
    if (this.plugin.commit === undefined) return;
    if (this.pendingCommit !== undefined) {
      this.pendingCommit = mergeAcked(this.pendingCommit, acked);
      return;
    }
    this.pendingCommit = acked;
    this.commits = this.commits.then(() => this.commitPending());
  }

  private async commitPending(): Promise<void> {
    const acked = this.pendingCommit;
    this.pendingCommit = undefined;
    if (acked === undefined || this.hasCommitFailed || this.plugin.commit === undefined) return;
    try {
      await this.plugin.commit({
        task: this.task,
        throughSequence: acked.throughSequence,
        offsets: acked.offsets.map((stored) => ({
          partition: fromValue(stored.partition),
          offset: fromValue(stored.offset),
        })),
      });
    } catch (error) {
      this.hasCommitFailed = true;
      this.failWith(error);
    }
  }

  private failWith(error: unknown): void {
    this.failure ??= { error };
    this.stop.abort(error);
  }

  private async finish(): Promise<void> {
    const failure = this.failure;
    if (failure === undefined) {
      this.logger.info({ sent: String(this.ledger.sentThrough) }, "source task stopped");
      this.channel.end();
      return;
    }
    if (failure.error instanceof ProtocolError) {
      this.logger.warn({ err: failure.error }, "the worker broke the Read stream's rules; ending the stream");
      this.channel.fail(toCallStatus(failure.error));
      return;
    }
    const reported = toConnectorError(failure.error);
    this.logger.warn(
      { err: failure.error, kind: reported.kind },
      "source task failed; reporting to the worker",
    );
    await this.channel.send({ message: { $case: "error", value: reported } });
    this.channel.end();
  }
}

/**
 * The batch as the contract carries it: packed when its records fit runs of flat records, which cost the
 * service and the worker a fraction of the per-record form to encode and decode, and each record on its
 * own otherwise.
 */
function batchOf(sequence: bigint, records: readonly ConnectRecord[]): SourceBatch {
  const packed = packRecords(records);
  return packed === undefined
    ? { sequence, records: [...records], packed: [] }
    : { sequence, records: [], packed };
}
