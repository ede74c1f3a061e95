import { ErrorHeaders, errorHandlingConfigFrom } from "@connect-mesh/error-handling";
import type { OutgoingMessage } from "@connect-mesh/kafka";
import { ConnectMetrics, createMetricsRegistry, type HopSpan, TaskTracer } from "@connect-mesh/telemetry";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DeadLetterSink, ErrorPolicy, RecordFailedError } from "./error-policy.js";
import type { RecordFailure } from "./record-failure.js";

const TASK = { connector: "orders-sink", task: 3 };
const failure = (error: unknown = new Error("Unexpected token n in JSON")): RecordFailure => ({
  stage: "VALUE_CONVERTER",
  className: "org.apache.kafka.connect.json.JsonConverter",
  error,
  origin: { kind: "kafka", topic: "orders", partition: 1, offset: "17" },
  content: {
    key: Buffer.from("k"),
    value: Buffer.from("{not json"),
    headers: { origin: Buffer.from("test") },
  },
  trace: undefined,
});

/** Keeps what the policy parks: a stand-in for the Kafka producer, which the integration tests use for real. */
class KeptDeadLetters implements DeadLetterSink {
  readonly topic = "dlq-orders";
  readonly added: OutgoingMessage[] = [];
  flushes = 0;
  add(message: OutgoingMessage, span: HopSpan): void {
    this.added.push(message);
    span.end();
  }
  async flush(): Promise<void> {
    this.flushes += 1;
  }
}

function policyFor(config: Record<string, string>, deadLetters?: DeadLetterSink) {
  const registry = createMetricsRegistry();
  const policy = new ErrorPolicy({
    config: errorHandlingConfigFrom(config),
    ...TASK,
    logger: pino({ level: "silent" }),
    metrics: new ConnectMetrics(registry).sinkTask(TASK),
    tracer: new TaskTracer(TASK, 1),
    deadLetters,
  });
  const count = async (name: string) =>
    (await registry.getSingleMetric(name)?.get())?.values.find((v) => v.labels.task === "3")?.value;
  return { policy, count };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ErrorPolicy.report", () => {
  it("stops the task with errors.tolerance=none, naming the record and the stage", async () => {
    const { policy, count } = policyFor({});
    expect(() => policy.report(failure())).toThrow(RecordFailedError);
    expect(() => policy.report(failure())).toThrow(
      /the record at topic "orders" partition 1 offset 17 failed in stage VALUE_CONVERTER \(org.apache.kafka.connect.json.JsonConverter\)/,
    );
    expect(await count("kafka_connect_task_error_record_errors_total")).toBe(2);
  });

  it("skips the record with errors.tolerance=all and no dead-letter queue", async () => {
    const { policy, count } = policyFor({ "errors.tolerance": "all" });
    expect(() => policy.report(failure())).not.toThrow();
    expect(await count("kafka_connect_task_error_record_errors_total")).toBe(1);
  });

  it("parks the original bytes with Connect's context headers when they are enabled", () => {
    const deadLetters = new KeptDeadLetters();
    const { policy } = policyFor(
      { "errors.tolerance": "all", "errors.deadletterqueue.context.headers.enable": "true" },
      deadLetters,
    );
    policy.report(failure());
    const [parked] = deadLetters.added;
    expect(parked?.key).toEqual(Buffer.from("k"));
    expect(parked?.value).toEqual(Buffer.from("{not json"));
    expect(parked?.headers).toMatchObject({
      origin: Buffer.from("test"),
      [ErrorHeaders.topic]: "orders",
      [ErrorHeaders.partition]: "1",
      [ErrorHeaders.offset]: "17",
      [ErrorHeaders.connectorName]: "orders-sink",
      [ErrorHeaders.taskId]: "3",
      [ErrorHeaders.stage]: "VALUE_CONVERTER",
      [ErrorHeaders.className]: "org.apache.kafka.connect.json.JsonConverter",
      [ErrorHeaders.exceptionClassName]: "Error",
      [ErrorHeaders.exceptionMessage]: "Unexpected token n in JSON",
    });
    expect(String(parked?.headers?.[ErrorHeaders.exceptionStacktrace])).toContain(
      "Unexpected token n in JSON",
    );
  });

  it("leaves the context headers out unless enabled, and drops stale ones from an earlier failure", () => {
    const deadLetters = new KeptDeadLetters();
    const { policy } = policyFor({ "errors.tolerance": "all" }, deadLetters);
    const replayed = failure();
    policy.report({
      ...replayed,
      content: { ...replayed.content, headers: { [ErrorHeaders.stage]: "TASK_PUT" } },
    });
    expect(deadLetters.added[0]?.headers).toEqual({});
  });

  it("sends the parked copies on flush", async () => {
    const deadLetters = new KeptDeadLetters();
    const { policy } = policyFor({ "errors.tolerance": "all" }, deadLetters);
    await policy.flush();
    expect(deadLetters.flushes).toBe(1);
  });
});

describe("ErrorPolicy.retry", () => {
  const retriable = Object.assign(new Error("the lookup service is busy"), { retriable: true });

  it("does not retry with the default errors.retry.timeout of 0", async () => {
    const { policy, count } = policyFor({});
    const attempt = vi.fn(() => failure(retriable));
    const outcome = await policy.retry(failure(retriable), attempt, (f) => f, new AbortController().signal);
    expect(outcome.error).toBe(retriable);
    expect(attempt).not.toHaveBeenCalled();
    expect(await count("kafka_connect_task_error_record_failures_total")).toBe(1);
  });

  it("retries a retriable failure with backoff until it passes", async () => {
    vi.useFakeTimers();
    const { policy, count } = policyFor({ "errors.retry.timeout": "60000" });
    const outcomes: (RecordFailure | undefined)[] = [failure(retriable), undefined];
    const retried = policy.retry<RecordFailure | undefined>(
      failure(retriable),
      () => outcomes.shift(),
      (f) => f,
      new AbortController().signal,
    );
    await vi.runAllTimersAsync();
    expect(await retried).toBeUndefined();
    expect(await count("kafka_connect_task_error_record_failures_total")).toBe(2);
  });

  it("never retries an error that is not retriable", async () => {
    const { policy } = policyFor({ "errors.retry.timeout": "-1" });
    const attempt = vi.fn(() => failure());
    await policy.retry(failure(), attempt, (f) => f, new AbortController().signal);
    expect(attempt).not.toHaveBeenCalled();
  });
});

describe("ErrorPolicy.settle", () => {
  type Outcome =
    | { kind: "produce"; n: number }
    | { kind: "dropped" }
    | { kind: "failed"; failure: RecordFailure };

  it("returns an outcome that did not fail as it is, reporting nothing", async () => {
    const deadLetters = new KeptDeadLetters();
    const { policy, count } = policyFor({ "errors.tolerance": "all" }, deadLetters);
    const passed = await policy.settle(
      (): Outcome => ({ kind: "produce", n: 7 }),
      new AbortController().signal,
    );
    expect(passed).toEqual({ kind: "produce", n: 7 });
    expect(deadLetters.added).toEqual([]);
    // A counter never incremented has no sample at all.
    expect(await count("kafka_connect_task_error_record_failures_total")).toBeUndefined();
  });

  it("reports a failure that stays failed, and returns nothing for it", async () => {
    const deadLetters = new KeptDeadLetters();
    const { policy, count } = policyFor({ "errors.tolerance": "all" }, deadLetters);
    const settled = await policy.settle(
      (): Outcome => ({ kind: "failed", failure: failure() }),
      new AbortController().signal,
    );
    expect(settled).toBeUndefined();
    expect(deadLetters.added).toHaveLength(1);
    expect(await count("kafka_connect_task_error_record_failures_total")).toBe(1);
  });
});
