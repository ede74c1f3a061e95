import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { BatchHistogram } from "./internal/batch-histogram.js";
import type { TaskIdentity } from "./span-attributes.js";

const LABELS = ["connector", "task"] as const;
type TaskLabels = Record<(typeof LABELS)[number], string>;

/** Batch write times: a millisecond to ten seconds. */
const PUT_BATCH_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Source timestamp to sink write: a millisecond to five minutes (a paused or lagging sink). */
const END_TO_END_BUCKETS_S = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Kafka Connect's task metrics in Prometheus, under the names the package README maps: Connect's JMX
 * group and attribute, dashes as underscores, counters ending in `_total` (so `source-record-poll-rate`
 * is `rate()` over `kafka_connect_source_task_source_record_poll_total`), times as seconds histograms
 * (avg and max come from them), and `connect_mesh_` for what Connect has no name for. Every series is
 * labelled with `connector` and `task`. One instance per registry; tasks get their bound view.
 */
export class ConnectMetrics {
  private readonly metrics: ReturnType<typeof register>;

  constructor(registry: Registry) {
    this.metrics = register(registry);
  }

  /** A source task's metrics; its series exist (at zero) from now on. */
  sourceTask(task: TaskIdentity): SourceTaskMetrics {
    return new SourceTaskMetrics(this.metrics, labelsOf(task));
  }

  /** A sink task's metrics; its series exist (at zero) from now on. */
  sinkTask(task: TaskIdentity): SinkTaskMetrics {
    return new SinkTaskMetrics(this.metrics, labelsOf(task));
  }

  /** Forgets a stopped task's series, so a task that moved to another worker is not reported twice. */
  removeTask(task: TaskIdentity): void {
    const labels = labelsOf(task);
    for (const metric of Object.values<{ remove(labels: TaskLabels): void }>(this.metrics))
      metric.remove(labels);
  }
}

/** What every task reports: offset commits and record errors (Connect's connector-task and task-error groups). */
export class TaskMetrics {
  private readonly commitSuccess: Counter.Internal;
  private readonly commitFailure: Counter.Internal;
  private readonly recordErrors: Counter.Internal;
  private readonly recordFailures: Counter.Internal;
  private readonly dlqRequests: Counter.Internal;
  private readonly dlqFailures: Counter.Internal;

  /** @internal Made by `ConnectMetrics`. */
  constructor(metrics: ReturnType<typeof register>, labels: TaskLabels) {
    this.commitSuccess = metrics.offsetCommitSuccess.labels(labels);
    this.commitFailure = metrics.offsetCommitFailure.labels(labels);
    this.recordErrors = metrics.recordErrors.labels(labels);
    this.recordFailures = metrics.recordFailures.labels(labels);
    this.dlqRequests = metrics.dlqRequests.labels(labels);
    this.dlqFailures = metrics.dlqFailures.labels(labels);
  }

  /** An offset commit finished (offset-commit-success/failure-percentage). */
  observeOffsetCommit(succeeded: boolean): void {
    (succeeded ? this.commitSuccess : this.commitFailure).inc();
  }

  /** Records that hit an error in any stage, tolerated or not (total-record-errors). */
  countRecordErrors(count = 1): void {
    this.recordErrors.inc(count);
  }

  /** Failed attempts at processing records, retries included (total-record-failures). */
  countRecordFailures(count = 1): void {
    this.recordFailures.inc(count);
  }

  /** A record was sent to the dead-letter queue (deadletterqueue-produce-requests / -failures). */
  observeDeadLetterProduce(succeeded: boolean): void {
    this.dlqRequests.inc();
    if (!succeeded) this.dlqFailures.inc();
  }
}

/** A source task's own metrics (Connect's source-task-metrics). */
export class SourceTaskMetrics extends TaskMetrics {
  private readonly polled: Counter.Internal;
  private readonly written: Counter.Internal;

  /** @internal Made by `ConnectMetrics`. */
  constructor(metrics: ReturnType<typeof register>, labels: TaskLabels) {
    super(metrics, labels);
    this.polled = metrics.sourcePolled.labels(labels);
    this.written = metrics.sourceWritten.labels(labels);
  }

  /** Records the connector handed over, before transforms (source-record-poll-rate/total). */
  countPolled(count: number): void {
    this.polled.inc(count);
  }

  /** Records written to Kafka, after transforms (source-record-write-rate/total). */
  countWritten(count: number): void {
    this.written.inc(count);
  }
}

/** A sink task's own metrics (Connect's sink-task-metrics), plus its lag and end-to-end latency. */
export class SinkTaskMetrics extends TaskMetrics {
  private readonly read: Counter.Internal;
  private readonly sent: Counter.Internal;
  private readonly putBatch: Histogram.Internal<(typeof LABELS)[number]>;
  private readonly lagMax: Gauge.Internal<(typeof LABELS)[number]>;
  private readonly lagTotal: Gauge.Internal<(typeof LABELS)[number]>;
  private readonly endToEnd: ReturnType<BatchHistogram["series"]>;

  /** @internal Made by `ConnectMetrics`. */
  constructor(metrics: ReturnType<typeof register>, labels: TaskLabels) {
    super(metrics, labels);
    this.read = metrics.sinkRead.labels(labels);
    this.sent = metrics.sinkSent.labels(labels);
    this.putBatch = metrics.putBatch.labels(labels);
    this.lagMax = metrics.lagMax.labels(labels);
    this.lagTotal = metrics.lagTotal.labels(labels);
    this.endToEnd = metrics.endToEnd.series(labels);
  }

  /** Records read from Kafka, before transforms (sink-record-read-rate/total). */
  countRead(count: number): void {
    this.read.inc(count);
  }

  /** Records handed to the connector, after transforms (sink-record-send-rate/total). */
  countSent(count: number): void {
    this.sent.inc(count);
  }

  /** How long the connector took to write one batch (put-batch-avg/max-time-ms). */
  observePutBatch(durationMs: number): void {
    this.putBatch.observe(durationMs / 1000);
  }

  /** The consumer's lag on each of the task's partitions: sets the max (sink-record-lag-max) and the sum. */
  setConsumerLag(partitionLags: Iterable<number>): void {
    let max = 0;
    let total = 0;
    for (const lag of partitionLags) {
      max = Math.max(max, lag);
      total += lag;
    }
    this.lagMax.set(max);
    this.lagTotal.set(total);
  }

  /**
   * Each record's time from its timestamp (set at the source) to `durableAtMs`, when the sink connector
   * said it was durable: one observation per record, taken as a batch.
   */
  observeEndToEndLatencies(durableAtMs: number, timestampsMs: readonly number[]): void {
    this.endToEnd.observeAll(
      timestampsMs.map((timestampMs) => Math.max(0, durableAtMs - timestampMs) / 1000),
    );
  }
}

function labelsOf(task: TaskIdentity): TaskLabels {
  return { connector: task.connector, task: String(task.task) };
}

function register(registry: Registry) {
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames: LABELS, registers: [registry] });
  const gauge = (name: string, help: string) =>
    new Gauge({ name, help, labelNames: LABELS, registers: [registry] });
  const histogram = (name: string, help: string, buckets: number[]) =>
    new Histogram({ name, help, labelNames: LABELS, buckets, registers: [registry] });
  return {
    sourcePolled: counter(
      "kafka_connect_source_task_source_record_poll_total",
      "Records polled from the source connector, before transforms (Connect: source-record-poll-total)",
    ),
    sourceWritten: counter(
      "kafka_connect_source_task_source_record_write_total",
      "Records written to Kafka by the source task, after transforms (Connect: source-record-write-total)",
    ),
    sinkRead: counter(
      "kafka_connect_sink_task_sink_record_read_total",
      "Records read from Kafka by the sink task, before transforms (Connect: sink-record-read-total)",
    ),
    sinkSent: counter(
      "kafka_connect_sink_task_sink_record_send_total",
      "Records sent to the sink connector, after transforms (Connect: sink-record-send-total)",
    ),
    putBatch: histogram(
      "kafka_connect_sink_task_put_batch_time_seconds",
      "Time the sink connector took to write a batch (Connect: put-batch-avg-time-ms, put-batch-max-time-ms)",
      PUT_BATCH_BUCKETS_S,
    ),
    lagMax: gauge(
      "kafka_connect_sink_task_sink_record_lag_max",
      "The largest consumer lag, in records, over the sink task's partitions (Connect: sink-record-lag-max)",
    ),
    lagTotal: gauge(
      "connect_mesh_sink_task_consumer_lag_records",
      "The sink task's consumer lag, in records, summed over its partitions",
    ),
    endToEnd: new BatchHistogram(
      "connect_mesh_sink_task_end_to_end_latency_seconds",
      "From a record's timestamp (set at the source) to its write by the sink connector",
      END_TO_END_BUCKETS_S,
      registry,
    ),
    offsetCommitSuccess: counter(
      "kafka_connect_connector_task_offset_commit_success_total",
      "Offset commits that succeeded (Connect: offset-commit-success-percentage)",
    ),
    offsetCommitFailure: counter(
      "kafka_connect_connector_task_offset_commit_failure_total",
      "Offset commits that failed (Connect: offset-commit-failure-percentage)",
    ),
    recordErrors: counter(
      "kafka_connect_task_error_record_errors_total",
      "Records that hit an error, tolerated or not (Connect: total-record-errors)",
    ),
    recordFailures: counter(
      "kafka_connect_task_error_record_failures_total",
      "Failed attempts at processing a record, retries included (Connect: total-record-failures)",
    ),
    dlqRequests: counter(
      "kafka_connect_task_error_deadletterqueue_produce_requests_total",
      "Records sent to the dead-letter queue (Connect: deadletterqueue-produce-requests)",
    ),
    dlqFailures: counter(
      "kafka_connect_task_error_deadletterqueue_produce_failures_total",
      "Dead-letter queue writes that failed (Connect: deadletterqueue-produce-failures)",
    ),
  };
}
