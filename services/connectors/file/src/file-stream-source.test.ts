import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConfigError,
  type ConfigMap,
  fromValue,
  type PlainValue,
  type SourceTaskContext,
  silentLogger,
} from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, SchemaType } from "@connect-mesh/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FILE_STREAM_SOURCE_CLASS, fileStreamSource } from "./file-stream-source.js";

let baseDir: string;
let stop: AbortController;
const started: AsyncIterator<readonly ConnectRecord[]>[] = [];

beforeEach(async () => {
  baseDir = await mkdtemp(join(tmpdir(), "connect-mesh-file-source-"));
  stop = new AbortController();
});

afterEach(async () => {
  stop.abort();
  for (const batches of started.splice(0)) await batches.return?.();
  await rm(baseDir, { recursive: true, force: true });
});

const plugin = () => fileStreamSource({ baseDir, pollIntervalMs: 5, chunkBytes: 8 });

/** A task context as the SDK builds it, with offsets stored for `filename` partitions only. */
function task(
  config: ConfigMap,
  stored: { readonly filename: string; readonly position: PlainValue }[] = [],
): SourceTaskContext {
  const offsets = stored.map((s) => ({
    partition: { filename: s.filename },
    offset: { position: s.position },
  }));
  return {
    connectorName: "local-file-source",
    taskId: 0,
    config,
    offsets,
    offsetFor: (partition) =>
      offsets.find((o) => JSON.stringify(o.partition) === JSON.stringify(partition))?.offset,
    signal: stop.signal,
    logger: silentLogger,
  };
}

function read(context: SourceTaskContext): AsyncIterator<readonly ConnectRecord[]> {
  const batches = plugin().read(context)[Symbol.asyncIterator]();
  started.push(batches);
  return batches;
}

async function nextBatch(
  batches: AsyncIterator<readonly ConnectRecord[]>,
): Promise<readonly ConnectRecord[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no batch came within 5 s")), 5_000);
  });
  try {
    const result = await Promise.race([batches.next(), deadline]);
    if (result.done === true) throw new Error("the source ended instead of yielding a batch");
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

const values = (records: readonly ConnectRecord[]) => records.map((r) => fromValue(r.value));

describe("fileStreamSource", () => {
  it("answers to Connect's class name and aliases", () => {
    expect(plugin()).toMatchObject({
      className: FILE_STREAM_SOURCE_CLASS,
      aliases: ["FileStreamSource", "FileStreamSourceConnector"],
      kind: "source",
    });
    expect(plugin().config.definitions.map((d) => [d.name, d.required, d.defaultValue])).toEqual([
      ["file", true, undefined],
      ["topic", true, undefined],
      ["batch.size", false, "2000"],
    ]);
  });
});

describe("fileStreamSource.plan", () => {
  it("plans one task with the whole config, whatever tasks.max says, as Connect does", async () => {
    const raw = { "connector.class": "FileStreamSource", file: "in.txt", topic: "lines", "tasks.max": "4" };
    const tasks = await plugin().plan({
      config: plugin().config.parse(raw),
      raw,
      connectorName: "c",
      maxTasks: 4,
      signal: stop.signal,
    });
    expect(tasks).toEqual([raw]);
  });

  it("refuses more than one topic", async () => {
    const raw = { file: "in.txt", topic: "a,b" };
    const planning = async () =>
      plugin().plan({
        config: plugin().config.parse(raw),
        raw,
        connectorName: "c",
        maxTasks: 1,
        signal: stop.signal,
      });
    await expect(planning()).rejects.toThrow(ConfigError);
  });
});

describe("fileStreamSource.validate", () => {
  it("explains that the topic must be a single one", async () => {
    const raw = { file: "in.txt", topic: "a,b" };
    const problems = await plugin().validate?.({
      config: plugin().config.parse(raw),
      raw,
      signal: stop.signal,
    });
    expect(problems).toEqual([
      {
        key: "topic",
        message: "'topic' in FileStreamSourceConnector configuration requires definition of a single topic",
      },
    ]);
  });
});

describe("fileStreamSource.read", () => {
  it("sends each line as a STRING record with the file as partition and the byte position as offset", async () => {
    await writeFile(join(baseDir, "in.txt"), "hello\nwörld\n");
    const [first, second] = await nextBatch(read(task({ file: "in.txt", topic: "lines" })));
    expect(first).toMatchObject({
      topic: "lines",
      key: undefined,
      value: { kind: { $case: "stringValue", value: "hello" } },
      valueSchema: { type: SchemaType.SCHEMA_TYPE_STRING, optional: false },
    });
    expect(fromValue(first?.sourcePartition)).toEqual({ filename: "in.txt" });
    expect(fromValue(first?.sourceOffset)).toEqual({ position: 6n });
    expect(fromValue(second?.sourceOffset)).toEqual({ position: 13n });
    expect(first?.timestampMs).toBeTypeOf("bigint");
  });

  it("resumes right after the stored offset", async () => {
    await writeFile(join(baseDir, "in.txt"), "one\ntwo\nthree\n");
    const batches = read(task({ file: "in.txt", topic: "lines" }, [{ filename: "in.txt", position: 4n }]));
    expect(values(await nextBatch(batches))).toEqual(["two", "three"]);
  });

  it("ignores offsets stored for another file", async () => {
    await writeFile(join(baseDir, "in.txt"), "one\n");
    const batches = read(task({ file: "in.txt", topic: "lines" }, [{ filename: "other.txt", position: 4n }]));
    expect(values(await nextBatch(batches))).toEqual(["one"]);
  });

  it("keeps each batch within batch.size", async () => {
    await writeFile(join(baseDir, "in.txt"), "1\n2\n3\n4\n5\n");
    const batches = read(task({ file: "in.txt", topic: "lines", "batch.size": "2" }));
    expect(values(await nextBatch(batches))).toEqual(["1", "2"]);
    expect(values(await nextBatch(batches))).toEqual(["3", "4"]);
    expect(values(await nextBatch(batches))).toEqual(["5"]);
  });

  it("follows the file as lines are appended, holding back a partial line", async () => {
    const file = join(baseDir, "in.txt");
    await writeFile(file, "first\nsec");
    const batches = read(task({ file: "in.txt", topic: "lines" }));
    expect(values(await nextBatch(batches))).toEqual(["first"]);
    const next = nextBatch(batches);
    await appendFile(file, "ond\n");
    expect(values(await next)).toEqual(["second"]);
  });

  it("resolves an absolute file as it is", async () => {
    const file = join(baseDir, "abs.txt");
    await writeFile(file, "x\n");
    const [record] = await nextBatch(read(task({ file, topic: "lines" })));
    expect(fromValue(record?.sourcePartition)).toEqual({ filename: file });
  });

  it("refuses a stored offset that is not a position", async () => {
    await writeFile(join(baseDir, "in.txt"), "one\n");
    const batches = read(task({ file: "in.txt", topic: "lines" }, [{ filename: "in.txt", position: "far" }]));
    await expect(batches.next()).rejects.toThrow(/Offset position is the incorrect type/);
  });
});
