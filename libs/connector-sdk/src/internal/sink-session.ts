import { batchProblem, batchRecords } from "@connect-mesh/data";
import type { SinkBatch, WriteOpen, WriteRequest, WriteResponse } from "@connect-mesh/proto";
import type { Logger } from "@connect-mesh/telemetry";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import type { SinkPlugin, SinkTask, SinkTaskContext } from "../plugin.js";
import { CallChannel } from "./call-channel.js";
import { toConnectorError } from "./connector-error.js";
import { toCallStatus } from "./grpc-status.js";
import { ProtocolError } from "./protocol-errors.js";
import type { StreamDeps } from "./stream-deps.js";
import { TASK_LOGGERS, taskLogger } from "./task-logger.js";
import { TaskTracing } from "./task-tracing.js";

type WriteChannel = CallChannel<WriteRequest, WriteResponse>;

/**
 * Serves one SinkService.Write stream, from `open` to the end. Never rejects. A batch the plugin rejects is
 * answered in the stream (WriteResponse{error}) and the stream goes on, since the worker retries or routes
 * the records; a failed open, flush or partitions change, or a broken stream rule, ends the call with a
 * gRPC status, because the contract has no in-stream answer for them.
 */
export async function serveWrite(
  call: ServerDuplexStream<WriteRequest, WriteResponse>,
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
        `the first WriteRequest must be open, not ${first.message?.$case ?? "an empty message"}`,
      );
    }
    const plugin = deps.registry.sink(first.message.value.plugin);
    const tracing = new TaskTracing(first.message.value, call.metadata);
    await new SinkSession(channel, plugin, first.message.value, tracing, deps).run();
  } catch (error) {
    deps.logging.logger(TASK_LOGGERS.sink).warn({ err: error }, "a Write stream ended with an error");
    channel.fail(toCallStatus(error));
  }
}

/** One running sink task: requests are handled one at a time, so acks go out in batch order. */
class SinkSession {
  private readonly context: SinkTaskContext;
  private readonly logger: Logger;
  private lastBatch = 0n;

  constructor(
    private readonly channel: WriteChannel,
    private readonly plugin: SinkPlugin,
    open: WriteOpen,
    private readonly tracing: TaskTracing,
    deps: StreamDeps,
  ) {
    this.logger = taskLogger(deps, plugin, open);
    this.context = {
      connectorName: open.connectorName,
      taskId: open.taskId,
      config: open.config,
      assigned: open.assigned,
      signal: AbortSignal.any([channel.cancelled, deps.stopping]),
      logger: this.logger,
    };
  }

  /** Opens the task, serves requests until the worker ends the stream, then closes the task. */
  async run(): Promise<void> {
    const task = await this.plugin.open(this.context);
    this.logger.info({ assigned: this.context.assigned.length }, "sink task started");
    try {
      await this.serve(task);
    } finally {
      // The contract: after the stream ends the task flushes nothing on its own; it only lets go.
      try {
        await task.close();
      } catch (error) {
        this.logger.warn({ err: error }, "the sink task failed to close; it may have left resources open");
      }
    }
    this.logger.info({ batches: String(this.lastBatch) }, "sink task stopped");
    this.channel.end();
  }

  private async serve(task: SinkTask): Promise<void> {
    for (;;) {
      const request = await this.channel.next(this.context.signal);
      if (request === undefined) return;
      const message = request.message;
      switch (message?.$case) {
        case "batch":
          await this.write(task, message.value);
          break;
        case "flush": {
          const through = message.value.throughSequence;
          if (through > this.lastBatch) {
            throw new ProtocolError(
              `flush through batch ${through}, but only ${this.lastBatch} batches were sent`,
            );
          }
          await task.flush();
          await this.channel.send({ message: { $case: "flushed", value: { throughSequence: through } } });
          break;
        }
        case "partitions":
          await task.partitionsChanged?.({
            assigned: message.value.assigned,
            revoked: message.value.revoked,
          });
          break;
        default:
          throw new ProtocolError(
            `after open, a WriteRequest must be batch, flush or partitions, not ${message?.$case ?? "an empty message"}`,
          );
      }
    }
  }

  /** Writes one batch and answers it with exactly one ack or one error. */
  private async write(task: SinkTask, batch: SinkBatch): Promise<void> {
    if (batch.sequence !== this.lastBatch + 1n) {
      throw new ProtocolError(`expected batch ${this.lastBatch + 1n}, got batch ${batch.sequence}`);
    }
    this.lastBatch = batch.sequence;
    const problem = batchProblem(batch);
    if (problem !== undefined) throw new ProtocolError(problem);
    const records = batchRecords(batch);
    const spans = this.tracing.startSinkBatch(records);
    try {
      // The contract promises at least one record; an empty batch is simply accepted.
      if (records.length > 0) await spans.run(() => task.write(records));
    } catch (error) {
      const reported = toConnectorError(error);
      if (reported.recordIndex !== undefined && reported.recordIndex >= records.length) {
        // An index past the batch would send the worker's error policy to the wrong record.
        reported.recordIndex = undefined;
      }
      reported.trace = spans.fail(error, reported.recordIndex);
      spans.end();
      this.logger.warn(
        { err: error, sequence: batch.sequence, kind: reported.kind, recordIndex: reported.recordIndex },
        "a batch was not accepted; reporting to the worker",
      );
      await this.channel.send({
        message: { $case: "error", value: { sequence: batch.sequence, error: reported } },
      });
      return;
    }
    spans.end();
    await this.channel.send({ message: { $case: "ack", value: { sequence: batch.sequence } } });
  }
}
