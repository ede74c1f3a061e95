import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { BatchHistogram } from "./batch-histogram.js";

const BOUNDS = [0.001, 0.01, 0.1, 1];
const NAME = "end_to_end_seconds";
const HELP = "From a record's timestamp to its write";

describe("BatchHistogram", () => {
  it("exposes the same text as prom-client's Histogram given the same observations", async () => {
    // On a bound, between bounds, above them all, and for two label sets.
    const observations: [Record<string, string>, number[]][] = [
      [{ connector: "files", task: "0" }, [0.001, 0.0005, 0.05, 0.1, 7, 0.002]],
      [{ connector: "files", task: "1" }, [1, 1.5]],
      [{ connector: "files", task: "0" }, [0.3]],
    ];
    const theirs = new Registry();
    const histogram = new Histogram({
      name: NAME,
      help: HELP,
      labelNames: ["connector", "task"],
      buckets: BOUNDS,
      registers: [theirs],
    });
    const ours = new Registry();
    const batch = new BatchHistogram(NAME, HELP, BOUNDS, ours);

    for (const [labels, values] of observations) {
      for (const value of values) histogram.observe(labels, value);
      batch.series(labels).observeAll(values);
    }

    const text = await ours.metrics();
    expect(text).toContain(`${NAME}_bucket{le="+Inf",connector="files",task="0"} 7`);
    expect(text).toBe(await theirs.metrics());
  });

  it("forgets a removed series, and keeps the others", async () => {
    const registry = new Registry();
    const batch = new BatchHistogram(NAME, HELP, BOUNDS, registry);
    batch.series({ connector: "a", task: "0" }).observeAll([0.5]);
    batch.series({ connector: "b", task: "0" }).observeAll([0.5]);

    batch.remove({ task: "0", connector: "a" });

    const text = await registry.metrics();
    expect(text).not.toContain('connector="a"');
    expect(text).toContain(`${NAME}_count{connector="b",task="0"} 1`);
  });
});
