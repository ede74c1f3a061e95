import { sleep } from "@connect-mesh/async";
import { ErrorKind, type WriteOpen, type WriteRequest, type WriteResponse } from "@connect-mesh/proto";
import { fromRecordTrace, type SinkTaskMetrics } from "@connect-mesh/telemetry";
import type { Logger } from "pino";
import { Backoff } from "./backoff.js";
import { ConnectorReportedError } from "./errors/connector-reported-error.js";
import type { ErrorPolicy } from "./errors/error-policy.js";
import type { PendingWrite } from "./pending-write.js";
import { sinkFailure } from "./sink-record-pipeline.js";
import { FatalTaskError } from "./task-context.js";
import type { TaskStatusReporter } from "./task-status-reporter.js";

/** The worker's end of a Write stream: requests out, answers in, in order. */
export interface WriteCall extends AsyncIterable<WriteResponse> {
  write(request: WriteRequest): unknown;
}

type Answer = NonNullable<WriteResponse["message"]>;

/** What a session needs from its sink task. */
export interface WriteSessionDeps {
  /** The plugin's class, named in a refused record's failure (Connect's `__connect.errors.class.name`). */
  readonly className: string;
  readonly policy: Pick<ErrorPolicy, "settings" | "report">;
  readonly metrics: Pick<SinkTaskMetrics, "countSent" | "observePutBatch">;
  readonly status: Pick<TaskStatusReporter, "report">;
  readonly logger: Logger;
  /** Ends a retry's wait; the records are then read again on restart. */
  readonly stopping: AbortSignal;
}

/**
 * The worker's side of one SinkService.Write stream, as sink.proto has it (the SDK's sink-session.ts
 * serves the other side): `open` first, then batches numbered from 1 and flushes through a batch number,
 * each answered in order, one answer a request. Batches and flushes take turns, so the background
 * commit's flush and the next batch never read each other's answers.
 */
export class WriteSession {
  private readonly answers: AsyncIterator<WriteResponse>;
  private sequence = 0n;
  private turns: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly call: WriteCall,
    private readonly deps: WriteSessionDeps,
  ) {
    this.answers = call[Symbol.asyncIterator]();
  }

  /** Opens the task on the service: its plugin, name, task number and config. */
  open(open: WriteOpen): void {
    this.call.write({ message: { $case: "open", value: open } });
  }

  /** Asks the service to make every batch sent so far durable, and waits until it says so. */
  async flush(): Promise<void> {
    const answer = await this.exchange(() => ({ $case: "flush", value: { throughSequence: this.sequence } }));
    if (answer.$case !== "flushed") throw new Error(`expected a flush, got ${answer.$case}`);
  }

  /**
   * Sends records until the service has accepted or refused each of them. A RETRIABLE error names the
   * first record it did not take; the rest go again as a new batch after a capped, jittered backoff (as
   * sink.proto says), so an outside system that is down for a while loses nothing and repeats nothing. A
   * FATAL error that names one record (record_index) is that record's failure (stage TASK_PUT): the error
   * policy parks it or stops the task, and the records after it are sent again. A FATAL error for the whole
   * batch stops the task.
   */
  async sendUntilAccepted(records: PendingWrite): Promise<void> {
    const { className, policy, metrics, status, logger, stopping } = this.deps;
    const backoff = new Backoff(500, Math.max(500, policy.settings.retryDelayMaxMs));
    let pending = records;
    let isRetrying = false;
    while (pending.length > 0) {
      let startedAt = 0;
      let sequence = 0n;
      const answer = await this.exchange(() => {
        this.sequence += 1n;
        sequence = this.sequence;
        startedAt = performance.now();
        return { $case: "batch", value: pending.batch(sequence) };
      });
      metrics.observePutBatch(performance.now() - startedAt);
      if (answer.$case === "ack") {
        metrics.countSent(pending.length);
        // Clear the retry note from the status once the outside system takes records again.
        if (isRetrying) await status.report("RUNNING");
        return;
      }
      if (answer.$case !== "error")
        throw new Error(`expected an answer to batch ${sequence}, got ${answer.$case}`);
      const error = answer.value.error;
      const text = `the connector could not write batch ${sequence}: ${error?.message ?? "no reason given"}`;
      const index = error?.recordIndex;
      if (error?.kind !== ErrorKind.ERROR_KIND_RETRIABLE) {
        const refused = index === undefined ? undefined : pending.at(index);
        if (error === undefined || index === undefined || refused === undefined)
          throw new FatalTaskError(text, { cause: error?.stackTrace || undefined });
        metrics.countSent(index);
        // The dead letter hop joins the trace in which the service recorded the failure, when it names one.
        const failedIn = error.trace?.traceparent ? fromRecordTrace(error.trace) : refused.context;
        policy.report(
          sinkFailure(refused.consumed, "TASK_PUT", className, new ConnectorReportedError(error), failedIn),
        );
        pending = pending.from(index + 1);
        continue;
      }
      metrics.countSent(Math.min(index ?? 0, pending.length));
      pending = pending.from(Math.min(index ?? 0, pending.length));
      isRetrying = true;
      const delayMs = backoff.nextDelayMs();
      logger.warn(
        { retryInMs: delayMs, remaining: pending.length, reason: error.message },
        "sink write will be retried",
      );
      await status.report("RUNNING", `${text}\n(retrying ${pending.length} records in ${delayMs} ms)`);
      await sleep(delayMs, stopping);
      if (stopping.aborted)
        throw new Error("stopped while retrying a write; the records are read again on restart");
    }
  }

  /**
   * Writes one request and waits for its answer, after every earlier request's. The request is built when
   * its turn comes, so a flush names the batches written before it.
   */
  private exchange(request: () => NonNullable<WriteRequest["message"]>): Promise<Answer> {
    const answer = this.turns.then(() => {
      this.call.write({ message: request() });
      return this.nextAnswer();
    });
    this.turns = answer.catch(() => undefined);
    return answer;
  }

  private async nextAnswer(): Promise<Answer> {
    const { value, done } = await this.answers.next();
    if (done || !value?.message) throw new Error("the sink service closed the stream");
    return value.message;
  }
}
