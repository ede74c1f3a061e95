import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@connect-mesh/connector-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TailOptions, tailFile } from "./file-tail.js";
import type { Line } from "./line-splitter.js";

let dir: string;
let stop: AbortController;
const started: AsyncGenerator<Line[]>[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "connect-mesh-file-tail-"));
  stop = new AbortController();
});

afterEach(async () => {
  stop.abort();
  // Lets each generator run its finally block, which closes the file.
  for (const lines of started.splice(0)) await lines.return(undefined);
  await rm(dir, { recursive: true, force: true });
});

function tail(file: string, options: Partial<TailOptions> = {}): AsyncGenerator<Line[]> {
  const lines = tailFile({
    path: join(dir, file),
    startPosition: 0,
    maxBatchLines: 100,
    pollIntervalMs: 5,
    chunkBytes: 4,
    maxLineBytes: 1024,
    signal: stop.signal,
    logger: silentLogger,
    ...options,
  });
  started.push(lines);
  return lines;
}

/** The next batch, failing the test (rather than hanging) if none comes within the deadline. */
async function nextBatch(lines: AsyncGenerator<Line[]>, timeoutMs = 5_000): Promise<Line[]> {
  const result = await withinDeadline(lines.next(), timeoutMs);
  if (result.done === true) throw new Error("the tail ended instead of yielding a batch");
  return result.value;
}

async function withinDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nothing came within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const texts = (lines: readonly Line[]) => lines.map((line) => line.text);

describe("tailFile", () => {
  it("sends lines appended at the end of the file at once, without waiting for the poll interval", async () => {
    await writeFile(join(dir, "in.txt"), "first\n");
    const lines = tail("in.txt", { pollIntervalMs: 600_000 });
    expect(texts(await nextBatch(lines))).toEqual(["first"]);
    const waiting = nextBatch(lines);
    await appendFile(join(dir, "in.txt"), "second\n");
    // Only the file system's change notice can end this wait: the poll interval is ten minutes.
    expect(texts(await waiting)).toEqual(["second"]);
  });

  it("reads the lines already there, with the byte position after each", async () => {
    await writeFile(join(dir, "in.txt"), "alpha\nbeta\r\ngamma\n");
    expect(await nextBatch(tail("in.txt"))).toEqual([
      { text: "alpha", end: 6 },
      { text: "beta", end: 12 },
      { text: "gamma", end: 18 },
    ]);
  });

  it("yields at most maxBatchLines lines per batch", async () => {
    await writeFile(join(dir, "in.txt"), "1\n2\n3\n4\n5\n");
    const lines = tail("in.txt", { maxBatchLines: 2 });
    expect(texts(await nextBatch(lines))).toEqual(["1", "2"]);
    expect(texts(await nextBatch(lines))).toEqual(["3", "4"]);
    expect(texts(await nextBatch(lines))).toEqual(["5"]);
  });

  it("resumes from a stored position", async () => {
    await writeFile(join(dir, "in.txt"), "alpha\nbeta\ngamma\n");
    expect(await nextBatch(tail("in.txt", { startPosition: 6 }))).toEqual([
      { text: "beta", end: 11 },
      { text: "gamma", end: 17 },
    ]);
  });

  it("holds back a partial last line until its newline is written", async () => {
    const file = join(dir, "in.txt");
    await writeFile(file, "whole\npart");
    const lines = tail("in.txt");
    expect(await nextBatch(lines)).toEqual([{ text: "whole", end: 6 }]);
    const next = nextBatch(lines);
    await appendFile(file, "ial\n");
    expect(await next).toEqual([{ text: "partial", end: 14 }]);
  });

  it("picks up lines appended after it reached the end of the file", async () => {
    const file = join(dir, "in.txt");
    await writeFile(file, "first\n");
    const lines = tail("in.txt");
    expect(texts(await nextBatch(lines))).toEqual(["first"]);
    const next = nextBatch(lines);
    await appendFile(file, "second\nthird\n");
    const appended = await next;
    // The append may be seen in one read or two; either way every line comes, in order.
    const all = appended.length === 2 ? appended : [...appended, ...(await nextBatch(lines))];
    expect(all).toEqual([
      { text: "second", end: 13 },
      { text: "third", end: 19 },
    ]);
  });

  it("waits for a file that does not exist yet", async () => {
    const lines = tail("later.txt");
    const next = nextBatch(lines);
    await writeFile(join(dir, "later.txt"), "here now\n");
    expect(texts(await next)).toEqual(["here now"]);
  });

  it("ends promptly, without error, once its signal aborts", async () => {
    await writeFile(join(dir, "in.txt"), "only\n");
    const lines = tail("in.txt", { pollIntervalMs: 60_000 });
    await nextBatch(lines);
    const next = lines.next();
    stop.abort();
    expect(await withinDeadline(next, 1_000)).toEqual({ done: true, value: undefined });
  });

  it("refuses a path that is a directory", async () => {
    const lines = tail(".");
    await expect(lines.next()).rejects.toThrow(/cannot read .* at byte 0/);
  });
});
