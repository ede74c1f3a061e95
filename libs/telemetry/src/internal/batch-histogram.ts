import type { Metric, Registry } from "prom-client";

/** One label set's observations: a count per bucket (not cumulative), their sum and their number. */
interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly counts: number[];
  sum: number;
  count: number;
}

/** A line as prom-client's registry exposes it: the series' labels are shared, a bucket's bound its own. */
interface ExposedValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly sharedLabels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * A Prometheus histogram that takes a batch of observations in one call. prom-client's Histogram checks
 * and hashes its labels on every observation, about 0.4 µs each: for a figure observed once per record (a
 * sink's end-to-end latency) that was 3% of the worker's time on 100-byte lines. Registered in a
 * prom-client registry, it is exposed in the same text as prom-client's own histograms.
 */
export class BatchHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly seriesByLabels = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    /** Each bucket's upper bound, ascending; a last bucket, +Inf, takes what is above them. */
    private readonly upperBounds: readonly number[],
    registry: Registry,
  ) {
    // The registry reads a metric through name, help, type, aggregator and get(), all here.
    registry.registerMetric(this as unknown as Metric);
  }

  /**
   * The series of `labels`, bound, as prom-client's `labels()` gives: it exists (at zero) from now on, and
   * its `observeAll` adds one observation per value.
   */
  series(labels: Readonly<Record<string, string>>): { observeAll(values: readonly number[]): void } {
    const series = this.seriesOf(labels);
    return {
      observeAll: (values) => {
        for (const value of values) {
          let bucket = 0;
          while (bucket < this.upperBounds.length && value > (this.upperBounds[bucket] as number))
            bucket += 1;
          series.counts[bucket] = (series.counts[bucket] as number) + 1;
          series.sum += value;
          series.count += 1;
        }
      },
    };
  }

  /** Forgets the series of `labels`. */
  remove(labels: Readonly<Record<string, string>>): void {
    this.seriesByLabels.delete(keyOf(labels));
  }

  reset(): void {
    this.seriesByLabels.clear();
  }

  /** The metric as prom-client's registry exposes it: cumulative buckets, then the sum and the count. */
  get(): { name: string; help: string; type: string; aggregator: string; values: ExposedValue[] } {
    const values: ExposedValue[] = [];
    for (const { labels, counts, sum, count } of this.seriesByLabels.values()) {
      const line = (suffix: string, value: number, bound?: number | string): ExposedValue => ({
        metricName: `${this.name}_${suffix}`,
        labels: bound === undefined ? {} : { le: bound },
        sharedLabels: labels,
        value,
      });
      let cumulative = 0;
      this.upperBounds.forEach((bound, bucket) => {
        cumulative += counts[bucket] as number;
        values.push(line("bucket", cumulative, bound));
      });
      values.push(line("bucket", count, "+Inf"), line("sum", sum), line("count", count));
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  private seriesOf(labels: Readonly<Record<string, string>>): Series {
    const key = keyOf(labels);
    let series = this.seriesByLabels.get(key);
    if (series === undefined) {
      series = { labels: { ...labels }, counts: this.upperBounds.map(() => 0).concat(0), sum: 0, count: 0 };
      this.seriesByLabels.set(key, series);
    }
    return series;
  }
}

function keyOf(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}
