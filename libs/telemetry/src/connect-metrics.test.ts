import { describe, expect, it } from "vitest";
import { ConnectMetrics } from "./connect-metrics.js";
import { createMetricsRegistry } from "./metrics-registry.js";

const SOURCE = { connector: "file-source", task: 0 };
const SINK = { connector: "file-sink", task: 1 };

/** The value of one sample line in the text format, found by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("ConnectMetrics", () => {
  it("renders a source task's counts under Kafka Connect's names, labelled by connector and task", async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const task = new ConnectMetrics(registry).sourceTask(SOURCE);
    task.countPolled(5);
    task.countPolled(3);
    task.countWritten(7);
    task.observeOffsetCommit(true);
    task.observeOffsetCommit(false);
    const text = await registry.metrics();
    const labels = '{connector="file-source",task="0"}';
    expect(sample(text, `kafka_connect_source_task_source_record_poll_total${labels}`)).toBe(8);
    expect(sample(text, `kafka_connect_source_task_source_record_write_total${labels}`)).toBe(7);
    expect(sample(text, `kafka_connect_connector_task_offset_commit_success_total${labels}`)).toBe(1);
    expect(sample(text, `kafka_connect_connector_task_offset_commit_failure_total${labels}`)).toBe(1);
    expect(text).toContain("# TYPE kafka_connect_source_task_source_record_poll_total counter");
    expect(text).not.toContain("kafka_connect_sink_task_sink_record_read_total{");
  });

  it("renders a sink task's counts, batch times, lag and end-to-end latency", async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const task = new ConnectMetrics(registry).sinkTask(SINK);
    task.countRead(10);
    task.countSent(9);
    task.observePutBatch(20);
    task.observePutBatch(2_000);
    task.setConsumerLag([4, 0, 11]);
    task.observeEndToEndLatencies(10_150, [10_000]);
    task.countRecordErrors();
    task.countRecordFailures(3);
    task.observeDeadLetterProduce(true);
    task.observeDeadLetterProduce(false);
    const text = await registry.metrics();
    const labels = 'connector="file-sink",task="1"';
    expect(sample(text, `kafka_connect_sink_task_sink_record_read_total{${labels}}`)).toBe(10);
    expect(sample(text, `kafka_connect_sink_task_sink_record_send_total{${labels}}`)).toBe(9);
    expect(sample(text, `kafka_connect_sink_task_put_batch_time_seconds_count{${labels}}`)).toBe(2);
    expect(sample(text, `kafka_connect_sink_task_put_batch_time_seconds_sum{${labels}}`)).toBe(2.02);
    expect(sample(text, `kafka_connect_sink_task_put_batch_time_seconds_bucket{le="0.025",${labels}}`)).toBe(
      1,
    );
    expect(sample(text, `kafka_connect_sink_task_sink_record_lag_max{${labels}}`)).toBe(11);
    expect(sample(text, `connect_mesh_sink_task_consumer_lag_records{${labels}}`)).toBe(15);
    expect(
      sample(text, `connect_mesh_sink_task_end_to_end_latency_seconds_bucket{le="0.25",${labels}}`),
    ).toBe(1);
    expect(sample(text, `connect_mesh_sink_task_end_to_end_latency_seconds_bucket{le="0.1",${labels}}`)).toBe(
      0,
    );
    expect(sample(text, `kafka_connect_task_error_record_errors_total{${labels}}`)).toBe(1);
    expect(sample(text, `kafka_connect_task_error_record_failures_total{${labels}}`)).toBe(3);
    expect(sample(text, `kafka_connect_task_error_deadletterqueue_produce_requests_total{${labels}}`)).toBe(
      2,
    );
    expect(sample(text, `kafka_connect_task_error_deadletterqueue_produce_failures_total{${labels}}`)).toBe(
      1,
    );
  });

  it("forgets a removed task's series and keeps the others", async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const metrics = new ConnectMetrics(registry);
    metrics.sourceTask(SOURCE).countPolled(1);
    metrics.sinkTask(SINK).countRead(1);
    metrics.removeTask(SOURCE);
    const text = await registry.metrics();
    expect(text).not.toContain('connector="file-source"');
    expect(text).toContain('connector="file-sink"');
  });
});
