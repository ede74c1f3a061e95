import { sleep } from "@connect-mesh/async";
import type { ErrorHandlingConfig } from "@connect-mesh/error-handling";
import { toMeshError } from "@connect-mesh/errors";
import type { OutgoingMessage } from "@connect-mesh/kafka";
import {
  type HopSpan,
  injectKafkaHeaders,
  SpanKind,
  SpanNames,
  type TaskMetrics,
  type TaskTracer,
} from "@connect-mesh/telemetry";
import type { Logger } from "pino";
import { Backoff } from "../backoff.js";
import { FatalTaskError } from "../task-context.js";
import { deadLetterMessage } from "./dead-letter-record.js";
import { describeOrigin, type RecordFailure } from "./record-failure.js";

/** Where the policy parks a skipped record's copy (DeadLetterQueue, or a fake in tests). */
export interface DeadLetterSink {
  readonly topic: string;
  add(message: OutgoingMessage, span: HopSpan): void;
  flush(): Promise<void>;
}

/** Connect's first wait before retrying a failed operation (RetryWithToleranceOperator). */
const RETRY_DELAY_MIN_MS = 300;

/** A record failed and `errors.tolerance=none` says the task stops: the status trace names the record. */
export class RecordFailedError extends FatalTaskError {
  constructor(
    readonly failure: RecordFailure,
    connector: string,
  ) {
    super(
      `connector "${connector}": the record at ${describeOrigin(failure.origin)} failed in stage ${failure.stage} ` +
        `(${failure.className}): ${messageOf(failure.error)}. With errors.tolerance=none the task stops here; ` +
        "fix the record or its config, or set errors.tolerance=all (and errors.deadletterqueue.topic.name to keep the record), then restart the task",
      { cause: failure.error },
    );
  }
}

/** What the policy needs from its task. */
export interface ErrorPolicyOptions {
  readonly config: ErrorHandlingConfig;
  readonly connector: string;
  readonly task: number;
  readonly logger: Logger;
  readonly metrics: TaskMetrics;
  readonly tracer: TaskTracer;
  /** The task's dead-letter queue, when `errors.deadletterqueue.topic.name` names one. */
  readonly deadLetters: DeadLetterSink | undefined;
}

/** A record's way through a pipeline that ended in failure, as both pipelines give it. */
export interface FailedOutcome {
  readonly kind: "failed";
  readonly failure: RecordFailure;
}

function failureOf(outcome: { readonly kind: string }): RecordFailure | undefined {
  return outcome.kind === "failed" ? (outcome as FailedOutcome).failure : undefined;
}

/**
 * Kafka Connect's error handling for records (its RetryWithToleranceOperator), on every stage: a failure
 * that may pass is retried with capped, jittered backoff for `errors.retry.timeout`; a record that still
 * fails is counted, logged (`errors.log.enable`), and then either stops the task (`errors.tolerance=none`)
 * or is skipped, with a copy to the dead-letter queue when there is one.
 */
export class ErrorPolicy {
  constructor(private readonly options: ErrorPolicyOptions) {}

  /** The `errors.*` settings this policy follows. */
  get settings(): ErrorHandlingConfig {
    return this.options.config;
  }

  /**
   * Runs `attempt` again while its outcome is a failure with a retriable error and the retry timeout has
   * not passed (0: never; -1: forever). Returns the last outcome. Each failed attempt is counted.
   */
  async retry<T>(
    outcome: T,
    attempt: () => T,
    failureOf: (outcome: T) => RecordFailure | undefined,
    signal: AbortSignal,
  ): Promise<T> {
    const { retryTimeoutMs, retryDelayMaxMs } = this.options.config;
    const deadline = retryTimeoutMs === -1 ? Number.POSITIVE_INFINITY : Date.now() + retryTimeoutMs;
    const backoff = new Backoff(RETRY_DELAY_MIN_MS, Math.max(RETRY_DELAY_MIN_MS, retryDelayMaxMs));
    let current = outcome;
    for (;;) {
      const failure = failureOf(current);
      if (failure === undefined) return current;
      this.options.metrics.countRecordFailures(1);
      if (!toMeshError(failure.error).retriable || Date.now() >= deadline || signal.aborted) return current;
      await sleep(Math.min(backoff.nextDelayMs(), Math.max(0, deadline - Date.now())), signal);
      current = attempt();
    }
  }

  /**
   * Runs `attempt` (a record's way through a pipeline), runs it again while it fails as `retry` allows, and
   * reports it if it fails for good. Returns the outcome, or undefined for a failure the policy has taken.
   */
  async settle<T extends { readonly kind: string }>(
    attempt: () => T,
    signal: AbortSignal,
  ): Promise<Exclude<T, FailedOutcome> | undefined> {
    const outcome = await this.retry(attempt(), attempt, failureOf, signal);
    const failure = failureOf(outcome);
    if (failure === undefined) return outcome as Exclude<T, FailedOutcome>;
    this.report(failure);
    return undefined;
  }

  /**
   * A record failed for good. Throws RecordFailedError with `errors.tolerance=none`; otherwise returns,
   * the record skipped, its dead-letter copy queued for the next `flush`.
   */
  report(failure: RecordFailure): void {
    const { config, connector, task, logger, metrics, tracer, deadLetters } = this.options;
    metrics.countRecordErrors(1);
    if (config.logEnabled) {
      const payload = config.logIncludeMessages
        ? { key: failure.content.key?.toString(), value: failure.content.value?.toString() }
        : {};
      logger.error(
        { err: failure.error, stage: failure.stage, className: failure.className, ...payload },
        `error handling the record at ${describeOrigin(failure.origin)} in stage ${failure.stage}`,
      );
    }
    if (config.tolerance === "none") throw new RecordFailedError(failure, connector);
    if (deadLetters === undefined) return;
    const span = tracer.recordHop(
      SpanNames.deadLetter,
      "dead-letter",
      failure.trace,
      { topic: deadLetters.topic },
      SpanKind.PRODUCER,
    );
    const message = deadLetterMessage(failure, {
      connector,
      task,
      includeContextHeaders: config.deadLetterContextHeaders,
      traceId: span.traceId,
    });
    const headers = message.headers ?? {};
    message.headers = headers;
    injectKafkaHeaders(span.context, headers);
    deadLetters.add(message, span);
  }

  /** Sends the queued dead-letter copies; await it before committing the offsets that cover them. */
  async flush(): Promise<void> {
    await this.options.deadLetters?.flush();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
