import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "./prometheus-text.js";

describe("parsePrometheusText", () => {
  it("reads samples with and without labels, skipping comments", () => {
    const text = [
      "# HELP kafka_connect_source_task_source_record_poll_total Records polled",
      "# TYPE kafka_connect_source_task_source_record_poll_total counter",
      'kafka_connect_source_task_source_record_poll_total{connector="file-source",task="0"} 42',
      "process_cpu_seconds_total 1.5",
      'connect_mesh_sink_task_consumer_lag_records{connector="a\\"b",task="1"} 7 1700000000000',
      "",
    ].join("\n");
    expect(parsePrometheusText(text)).toEqual([
      {
        name: "kafka_connect_source_task_source_record_poll_total",
        labels: { connector: "file-source", task: "0" },
        value: 42,
      },
      { name: "process_cpu_seconds_total", labels: {}, value: 1.5 },
      {
        name: "connect_mesh_sink_task_consumer_lag_records",
        labels: { connector: 'a"b', task: "1" },
        value: 7,
      },
    ]);
  });

  it("reads Prometheus's special values and skips lines it cannot read", () => {
    const samples = parsePrometheusText('a_bucket{le="+Inf"} 3\nb NaN\nc +Inf\nnot a sample line\n');
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ["a_bucket", 3],
      ["b", Number.NaN],
      ["c", Number.POSITIVE_INFINITY],
    ]);
  });
});
