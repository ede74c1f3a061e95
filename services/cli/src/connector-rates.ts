import type { PrometheusSample } from "./prometheus-text.js";

/** The worker metrics `cmesh top` reads (see libs/telemetry's README for Connect's names behind them). */
export const TopMetrics = {
  polled: "kafka_connect_source_task_source_record_poll_total",
  written: "kafka_connect_source_task_source_record_write_total",
  read: "kafka_connect_sink_task_sink_record_read_total",
  sent: "kafka_connect_sink_task_sink_record_send_total",
  errors: "kafka_connect_task_error_record_errors_total",
  lag: "connect_mesh_sink_task_consumer_lag_records",
} as const;

type Counter = "polled" | "written" | "read" | "sent" | "errors";

/** One connector's figures at one scrape, summed over its tasks on every worker. */
export interface ConnectorTotals {
  readonly tasks: number;
  readonly counters: Readonly<Record<Counter, number>>;
  readonly lag: number;
}

/** One line of `cmesh top`: the connector's rates between two scrapes, its lag and its errors. */
export interface ConnectorRow {
  readonly connector: string;
  readonly tasks: number;
  /** Records per second between the two scrapes. */
  readonly rates: Readonly<Record<Exclude<Counter, "errors">, number>>;
  readonly lag: number;
  readonly errors: number;
}

/** Sums the samples of every worker's scrape by connector. */
export function connectorTotals(samples: readonly PrometheusSample[]): Map<string, ConnectorTotals> {
  const byName = new Map<string, Counter | "lag">(
    Object.entries(TopMetrics).map(([figure, name]) => [name, figure as Counter | "lag"]),
  );
  const totals = new Map<string, { tasks: Set<string>; counters: Record<Counter, number>; lag: number }>();
  for (const sample of samples) {
    const figure = byName.get(sample.name);
    const connector = sample.labels.connector;
    if (figure === undefined || connector === undefined) continue;
    let entry = totals.get(connector);
    if (entry === undefined) {
      entry = { tasks: new Set(), counters: { polled: 0, written: 0, read: 0, sent: 0, errors: 0 }, lag: 0 };
      totals.set(connector, entry);
    }
    entry.tasks.add(sample.labels.task ?? "");
    if (figure === "lag") entry.lag += sample.value;
    else entry.counters[figure] += sample.value;
  }
  return new Map(
    [...totals].map(([name, t]) => [name, { tasks: t.tasks.size, counters: t.counters, lag: t.lag }]),
  );
}

/**
 * The rows between two scrapes `seconds` apart, by connector name. A counter that went down (its task
 * moved to a worker that starts again from zero) counts from zero, as Prometheus's rate() does.
 */
export function connectorRows(
  before: ReadonlyMap<string, ConnectorTotals>,
  after: ReadonlyMap<string, ConnectorTotals>,
  seconds: number,
): ConnectorRow[] {
  return [...after]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([connector, now]) => {
      const then = before.get(connector);
      const rate = (counter: Counter) => {
        const start = then?.counters[counter] ?? 0;
        const end = now.counters[counter];
        return (end >= start ? end - start : end) / seconds;
      };
      return {
        connector,
        tasks: now.tasks,
        rates: { polled: rate("polled"), written: rate("written"), read: rate("read"), sent: rate("sent") },
        lag: now.lag,
        errors: now.counters.errors,
      };
    });
}

/** The rows as a table's cells, header first. */
export function topTableCells(rows: readonly ConnectorRow[]): string[][] {
  const perSecond = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return [
    ["CONNECTOR", "TASKS", "POLL/s", "WRITE/s", "READ/s", "SEND/s", "LAG", "ERRORS"],
    ...rows.map((row) => [
      row.connector,
      String(row.tasks),
      perSecond(row.rates.polled),
      perSecond(row.rates.written),
      perSecond(row.rates.read),
      perSecond(row.rates.sent),
      String(row.lag),
      String(row.errors),
    ]),
  ];
}
