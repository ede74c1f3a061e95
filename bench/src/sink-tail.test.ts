import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nowMicros } from "./clock.js";
import { parseLatencyLine } from "./lines.js";
import { appendAtRate } from "./rate-writer.js";
import { SinkTail } from "./sink-tail.js";

describe("appendAtRate and SinkTail", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "bench-tail-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("appends numbered, stamped lines in order, no faster than the rate", async () => {
    const path = join(dir, "source.txt");
    const startedAt = nowMicros();
    await appendAtRate({
      path,
      lines: 500,
      ratePerSec: 5_000,
      lineBytes: 100,
      signal: AbortSignal.timeout(10_000),
    });
    const tookMs = (nowMicros() - startedAt) / 1000;
    const lines = (await readFile(path, "latin1")).split("\n").slice(0, -1);
    const parsed = lines.map((line) => parseLatencyLine(line));
    expect(parsed.map((p) => p?.sequence)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(lines.every((line) => line.length === 99)).toBe(true);
    const stamps = parsed.map((p) => p?.writtenAtMicros ?? 0);
    expect(stamps.every((stamp, i) => i === 0 || stamp >= (stamps[i - 1] ?? 0))).toBe(true);
    // 500 lines at 5,000/s cannot be written in much less than 100 ms.
    expect(tookMs).toBeGreaterThanOrEqual(90);
  });

  it("sees each complete line once, joining a line written in two parts", async () => {
    const path = join(dir, "sink.txt");
    const seen: string[] = [];
    const tail = new SinkTail(path, (line) => seen.push(line));
    const signal = AbortSignal.timeout(10_000);
    const starting = tail.start(signal);
    await writeFile(path, "first\nsec");
    await starting;
    await appendFile(path, "ond\nthird\n");
    await tail.waitForLines(3, 5_000, signal);
    await tail.stop();
    expect(seen).toEqual(["first", "second", "third"]);
  });

  it("says how far a stalled file got", async () => {
    const path = join(dir, "sink.txt");
    await writeFile(path, "only\n");
    const tail = new SinkTail(path, () => {});
    const signal = AbortSignal.timeout(10_000);
    await tail.start(signal);
    await waitFor(
      () => tail.linesSeen,
      (n) => n === 1,
      { timeoutMs: 5_000, description: "the first line" },
    );
    await expect(tail.waitForLines(2, 200, signal)).rejects.toThrow(/stopped at 1 of 2 lines/);
    await tail.stop();
  });
});
