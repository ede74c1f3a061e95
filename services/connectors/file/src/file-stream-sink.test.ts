import { type FileHandle, mkdtemp, open as openFile, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FatalError, type SinkTask, silentLogger, sourceRecord, toValue } from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FILE_STREAM_SINK_CLASS, fileStreamSink } from "./file-stream-sink.js";

let baseDir: string;
const opened: SinkTask[] = [];

beforeEach(async () => {
  baseDir = await mkdtemp(join(tmpdir(), "connect-mesh-file-sink-"));
});

afterEach(async () => {
  for (const task of opened.splice(0)) await task.close();
  await rm(baseDir, { recursive: true, force: true });
});

const plugin = () => fileStreamSink({ baseDir });

async function open(config: Record<string, string>): Promise<SinkTask> {
  const task = await plugin().open({
    connectorName: "local-file-sink",
    taskId: 0,
    config,
    assigned: [],
    signal: new AbortController().signal,
    logger: silentLogger,
  });
  opened.push(task);
  return task;
}

const records = (...values: (string | bigint | null)[]): ConnectRecord[] =>
  values.map((value) =>
    sourceRecord({
      topic: "t",
      sourcePartition: toValue(null),
      sourceOffset: toValue(null),
      value: toValue(value),
    }),
  );

describe("fileStreamSink", () => {
  it("answers to Connect's class name and aliases", () => {
    expect(plugin()).toMatchObject({
      className: FILE_STREAM_SINK_CLASS,
      aliases: ["FileStreamSink", "FileStreamSinkConnector"],
      kind: "sink",
    });
  });

  it("plans tasks.max identical tasks that keep the runtime's keys", async () => {
    const raw = { file: "out.txt", topics: "a,b", "tasks.max": "3" };
    const tasks = await plugin().plan({
      config: plugin().config.parse(raw),
      raw,
      connectorName: "c",
      maxTasks: 3,
      signal: new AbortController().signal,
    });
    expect(tasks).toEqual([raw, raw, raw]);
  });

  it("accepts topics.regex instead of topics", () => {
    expect(
      plugin()
        .config.validate({ file: "out.txt", "topics.regex": "logs-.*" })
        .flatMap((r) => r.errors),
    ).toEqual([]);
  });
});

describe("FileStreamSink task", () => {
  it("appends one line per record value, relative to the base directory", async () => {
    const task = await open({ file: "out.txt" });
    await task.write(records("first", 2n));
    await task.write(records(null));
    await task.flush();
    expect(await readFile(join(baseDir, "out.txt"), "utf8")).toBe("first\n2\nnull\n");
  });

  it("appends to what the file already holds", async () => {
    await writeFile(join(baseDir, "out.txt"), "before\n");
    const task = await open({ file: "out.txt" });
    await task.write(records("after"));
    await task.flush();
    expect(await readFile(join(baseDir, "out.txt"), "utf8")).toBe("before\nafter\n");
  });

  it("has the data on disk once flushed, as a new reader sees it", async () => {
    const task = await open({ file: join(baseDir, "abs.txt") });
    await task.write(records(...Array.from({ length: 1000 }, (_, i) => `line ${i}`)));
    await task.flush();
    const text = await readFile(join(baseDir, "abs.txt"), "utf8");
    expect(text.split("\n")).toHaveLength(1001);
    expect(text.endsWith("line 999\n")).toBe(true);
  });

  it("fsyncs the file on flush, not before", async () => {
    // FileHandle's class is not exported, so reach its prototype through a handle of our own.
    const probe = await openFile(join(baseDir, "probe.txt"), "w");
    const sync = vi.spyOn(Object.getPrototypeOf(probe) as FileHandle, "sync");
    await probe.close();
    const task = await open({ file: "out.txt" });
    await task.write(records("x"));
    expect(sync).not.toHaveBeenCalled();
    await task.flush();
    expect(sync).toHaveBeenCalledTimes(1);
    sync.mockRestore();
  });

  it("refuses a file whose directory does not exist, as Connect does", async () => {
    await expect(open({ file: "missing/out.txt" })).rejects.toThrow(FatalError);
  });
});
