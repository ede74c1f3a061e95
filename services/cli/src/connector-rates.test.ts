import { describe, expect, it } from "vitest";
import { connectorRows, connectorTotals, TopMetrics, topTableCells } from "./connector-rates.js";
import { formatTable } from "./table.js";

const sample = (name: string, connector: string, task: string, value: number) => ({
  name,
  labels: { connector, task },
  value,
});

describe("connectorTotals", () => {
  it("sums a connector's tasks across workers and ignores other metrics", () => {
    const totals = connectorTotals([
      sample(TopMetrics.read, "sink", "0", 10),
      sample(TopMetrics.read, "sink", "1", 5),
      sample(TopMetrics.lag, "sink", "0", 3),
      sample(TopMetrics.lag, "sink", "1", 4),
      sample(TopMetrics.polled, "source", "0", 100),
      sample("process_cpu_seconds_total", "source", "0", 9),
    ]);
    expect(totals.get("sink")).toEqual({
      tasks: 2,
      counters: { polled: 0, written: 0, read: 15, sent: 0, errors: 0 },
      lag: 7,
    });
    expect(totals.get("source")?.counters.polled).toBe(100);
  });
});

describe("connectorRows", () => {
  it("turns two scrapes into records per second, and counts a reset counter from zero", () => {
    const before = connectorTotals([
      sample(TopMetrics.polled, "source", "0", 100),
      sample(TopMetrics.written, "source", "0", 90),
      sample(TopMetrics.sent, "sink", "0", 500),
    ]);
    const after = connectorTotals([
      sample(TopMetrics.polled, "source", "0", 300),
      sample(TopMetrics.written, "source", "0", 290),
      sample(TopMetrics.sent, "sink", "0", 40),
      sample(TopMetrics.lag, "sink", "0", 12),
      sample(TopMetrics.errors, "sink", "0", 2),
    ]);
    const rows = connectorRows(before, after, 2);
    expect(rows.map((row) => [row.connector, row.rates, row.lag, row.errors])).toEqual([
      ["sink", { polled: 0, written: 0, read: 0, sent: 20 }, 12, 2],
      ["source", { polled: 100, written: 100, read: 0, sent: 0 }, 0, 0],
    ]);
  });

  it("lays the rows out as a table", () => {
    const after = connectorTotals([sample(TopMetrics.polled, "file-source", "0", 2_500)]);
    expect(formatTable(topTableCells(connectorRows(new Map(), after, 10)))).toEqual([
      "CONNECTOR    TASKS  POLL/s  WRITE/s  READ/s  SEND/s  LAG  ERRORS",
      "file-source  1      250     0.0      0.0     0.0     0    0",
    ]);
  });
});
