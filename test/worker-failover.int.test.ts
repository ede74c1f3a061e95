import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startExtraInstance, stopExtraInstance } from "./extra-process.js";
import { appendLines, lineText, readLines, waitForDistinctLines } from "./files.js";
import { rest, tasksOf } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const runDir = inject("runDir");

const TOTAL_LINES = 200_000;
const SINK_TASKS = 3;
/**
 * The most records a sink task holds written but not committed: the worker's MAX_UNCOMMITTED_RECORDS
 * (services/worker/src/background-commits.ts).
 */
const MAX_UNCOMMITTED_RECORDS = 2_000;

/** A time a worker held one task: from "starting task" to "stopped task", or to its death. */
interface Tenure {
  readonly worker: string;
  readonly task: string;
  readonly from: number;
  readonly to: number;
}

/** Every task's tenures on one worker, read from its JSON log; `diedAt` ends the ones it never stopped. */
async function tenuresIn(logFile: string, worker: string, diedAt = Date.now()): Promise<Tenure[]> {
  const open = new Map<string, number>();
  const tenures: Tenure[] = [];
  for (const line of (await readFile(logFile, "utf8")).split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; time: number; connector?: string; task?: number };
    const task = `${entry.connector}/${entry.task}`;
    if (entry.msg === "starting task") open.set(task, entry.time);
    if (entry.msg === "stopped task") {
      tenures.push({ worker, task, from: open.get(task) ?? 0, to: entry.time });
      open.delete(task);
    }
  }
  for (const [task, from] of open) tenures.push({ worker, task, from, to: diedAt });
  return tenures;
}

/** Pairs of tenures of one task on two workers that overlap in time: a task running twice at once. */
function overlapping(tenures: readonly Tenure[]): [Tenure, Tenure][] {
  const found: [Tenure, Tenure][] = [];
  for (const [i, a] of tenures.entries()) {
    for (const b of tenures.slice(i + 1)) {
      if (a.task === b.task && a.worker !== b.worker && a.from < b.to && b.from < a.to) found.push([a, b]);
    }
  }
  return found;
}

describe("three workers, one killed with SIGKILL mid-stream", () => {
  const extra = new Map<string, { process: ChildProcess; logFile: string }>();
  const created: string[] = [];

  afterAll(async () => {
    for (const name of created) await rest(restUrl, "DELETE", `/connectors/${name}`);
    await Promise.all([...extra.values()].map((w) => stopExtraInstance(w.process, "SIGTERM")));
  });

  // Two workers join, four tasks spread, one worker dies and its task moves on: minutes on a busy machine.
  it("moves the dead worker's tasks, loses no line, and never runs a task on two workers at once", {
    timeout: 480_000,
  }, async () => {
    const id = randomUUID().slice(0, 8);
    // "sink" sorts before "source": once the other workers join, the stack's worker keeps sink tasks and the
    // source task moves, so a live hand-over is exercised before the kill.
    const names = { sink: `${id}-sink`, source: `${id}-source`, topic: `failover-${id}` };
    const files = {
      input: join(baseDir, `failover-in-${id}.txt`),
      output: join(baseDir, `failover-out-${id}.txt`),
    };

    const kafka = new Kafka({ brokers: [inject("kafkaBootstrap")], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    // A broker that just started may not know the new topic's leaders at once: ask until it does.
    await waitFor(
      async () => {
        await admin.createTopics({ topics: [{ topic: names.topic, numPartitions: SINK_TASKS }] });
        const { topics } = await admin.fetchTopicMetadata({ topics: [names.topic] });
        return topics[0]?.partitions.filter((p) => p.leader >= 0).length ?? 0;
      },
      (partitions) => partitions === SINK_TASKS,
      { timeoutMs: 30_000, description: `${names.topic} to have ${SINK_TASKS} partitions with leaders` },
    );
    await admin.disconnect();

    for (const [name, config] of [
      [names.source, { "connector.class": "FileStreamSource", file: files.input, topic: names.topic }],
      [
        names.sink,
        {
          "connector.class": "FileStreamSink",
          file: files.output,
          topics: names.topic,
          "tasks.max": String(SINK_TASKS),
        },
      ],
    ] as const) {
      const response = await rest(restUrl, "POST", "/connectors", { name, config });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created.push(name);
    }
    await appendLines(files.input, 0, 40_000);
    await waitFor(
      async () => (await readLines(files.output)).length,
      (n) => n >= 10_000,
      { timeoutMs: 60_000, description: "the pipeline to be under way on the stack's worker" },
    );

    for (const worker of ["worker-2", "worker-3"]) {
      const logFile = join(runDir, `${worker}-${id}.log`);
      const child = startExtraInstance(
        "worker",
        {
          CONNECT_MESH_ETCD_ENDPOINTS: inject("etcdEndpoint"),
          CONNECT_MESH_KAFKA_BOOTSTRAP: inject("kafkaBootstrap"),
          CONNECT_MESH_WORKER_ID: worker,
        },
        logFile,
      );
      extra.set(worker, { process: child, logFile });
    }
    // Four tasks over three workers; the source task has moved off the stack's worker.
    const spread = await waitFor(
      async () => [...(await tasksOf(restUrl, names.source)), ...(await tasksOf(restUrl, names.sink))],
      (tasks) =>
        tasks.length === 1 + SINK_TASKS &&
        tasks.every((t) => t.state === "RUNNING") &&
        new Set(tasks.map((t) => t.worker_id)).size === 3,
      { timeoutMs: 90_000, description: "the tasks to spread over three workers" },
    );
    expect(extra.has(spread[0]?.worker_id ?? ""), "the source task should have moved to a new worker").toBe(
      true,
    );
    // The victim runs a sink task: the slower side, so records are surely in flight when it dies.
    const victim = spread.slice(1).find((t) => extra.has(t.worker_id))?.worker_id ?? "";
    expect(extra.has(victim), "a new worker should run a sink task").toBe(true);

    const appending = appendLines(files.input, 40_000, TOTAL_LINES);
    await waitFor(
      async () => (await readLines(files.output)).length,
      (n) => n >= 80_000,
      { timeoutMs: 120_000, description: "80,000 lines through three workers" },
    );
    const killedAt = Date.now();
    await stopExtraInstance(extra.get(victim)?.process as ChildProcess, "SIGKILL");
    await appending;

    const lines = await waitForDistinctLines(files.output, TOTAL_LINES, 240_000);
    expect(new Set(lines)).toEqual(new Set(Array.from({ length: TOTAL_LINES }, (_, i) => lineText(i))));
    // The survivors' consumers may take the dead one's partitions before the leader moves its task (once its
    // lease expires and the rebalance delay passes): wait for the move itself.
    const after = await waitFor(
      () => tasksOf(restUrl, names.sink),
      (tasks) => tasks.every((t) => t.state === "RUNNING" && t.worker_id !== victim && t.worker_id !== ""),
      { timeoutMs: 60_000, description: `${victim}'s sink task to run on a surviving worker` },
    );
    const duplicates = lines.length - TOTAL_LINES;
    process.stdout.write(
      `kill -9 of ${victim} (it ran a sink task): ${duplicates} of ${TOTAL_LINES} lines delivered twice; sink tasks now on ${after.map((t) => t.worker_id).join(", ")}\n`,
    );
    // Only the killed task's records come twice: those it had written but not committed, at most the limit.
    // Every other hand-over commits first: a graceful stop commits the batch in hand, and a consumer commits
    // what it has written before it rejoins a rebalancing group (the sink task's onPartitionsRevoked), which
    // revokes every partition at once, so the survivors repeat none of their own records.
    expect(duplicates).toBeLessThanOrEqual(MAX_UNCOMMITTED_RECORDS);

    const tenures = [
      ...(await tenuresIn(join(runDir, "worker", "worker.log"), "worker-1")),
      ...(
        await Promise.all(
          [...extra].map(([worker, { logFile }]) =>
            tenuresIn(logFile, worker, worker === victim ? killedAt : Date.now()),
          ),
        )
      ).flat(),
    ].filter((t) => t.task.startsWith(`${id}-`));
    // The source task moved from worker-1 while running; the victim's sink task came from worker-1 and moved
    // on again after the kill. Both hand-overs are in the tenures checked for overlaps.
    const tenuresOf = (task: string) => tenures.filter((t) => t.task === task).length;
    expect(tenuresOf(`${names.source}/0`)).toBeGreaterThanOrEqual(2);
    const victimTask = spread.slice(1).find((t) => t.worker_id === victim)?.id;
    expect(tenuresOf(`${names.sink}/${victimTask}`)).toBeGreaterThanOrEqual(3);
    expect(overlapping(tenures)).toEqual([]);
  });
});
