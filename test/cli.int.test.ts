import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { findFreePort, readStackState, type StackState } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cmesh } from "./cmesh.js";
import { appendLines, lineText, readLines, waitForDistinctLines } from "./files.js";
import { rest, tasksOf } from "./rest-client.js";
import "./stack-context.js";

/** Pids of live processes whose command line mentions `marker` (our run directory). */
async function processesMentioning(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, "utf8");
      if (/^State:\s+Z/m.test(status)) continue;
      if ((await readFile(`/proc/${entry}/cmdline`, "utf8")).includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function pidOf(state: StackState | undefined, component: string): number {
  const pid = state?.components.find((c) => c.name === component)?.pid;
  if (pid === undefined) throw new Error(`no ${component} is recorded in the stack`);
  return pid;
}

describe("cmesh up, status and down", () => {
  let runDir: string;
  let restUrl: string;
  let portArgs: string[];

  beforeAll(async () => {
    runDir = await mkdtemp(join(tmpdir(), "connect-mesh-cli-"));
    const restPort = await findFreePort();
    restUrl = `http://127.0.0.1:${restPort}`;
    portArgs = [
      "--run-dir",
      runDir,
      "--kafka-port",
      String(await findFreePort()),
      "--kafka-controller-port",
      String(await findFreePort()),
      "--etcd-port",
      String(await findFreePort()),
      "--etcd-peer-port",
      String(await findFreePort()),
      "--rest-port",
      String(restPort),
    ];
  });

  afterAll(async () => {
    await cmesh("down", ...portArgs);
    await rm(runDir, { recursive: true, force: true });
  });

  it("brings the whole stack up healthy and refuses a second copy", async () => {
    const up = await cmesh("up", "--workers", "2", ...portArgs);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain("the local stack is up");
    const started = await processesMentioning(runDir);
    // etcd, Kafka, the file, JDBC, search, Go datagen and Python HTTP connector services, the coordinator,
    // the two workers --workers asked for, and the supervisor.
    expect(started).toHaveLength(11);

    const status = await cmesh("status", ...portArgs);
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/^etcd\s+http:\/\/127\.0\.0\.1:\d+\s+pid \d+\s+restarts 0\s+healthy$/m);
    expect(status.stdout).toMatch(/^kafka\s+127\.0\.0\.1:\d+\s+pid \d+\s+restarts 0\s+healthy$/m);
    expect(status.stdout).toMatch(
      /^coordinator\s+http:\/\/127\.0\.0\.1:\d+\s+pid \d+\s+restarts 0\s+healthy$/m,
    );
    expect(status.stdout).toMatch(/^worker\s+worker-1\s+pid \d+\s+restarts 0\s+healthy$/m);
    expect(status.stdout).toMatch(/^worker-2\s+worker-2\s+pid \d+\s+restarts 0\s+healthy$/m);
    for (const connector of [
      "connector-file",
      "connector-jdbc",
      "connector-search",
      "connector-datagen-go",
      "connector-http-python",
    ]) {
      expect(status.stdout).toMatch(
        new RegExp(`^${connector}\\s+127\\.0\\.0\\.1:\\d+\\s+pid \\d+\\s+restarts 0\\s+healthy$`, "m"),
      );
    }

    await expectSourceAndSinkOnTwoWorkers();

    const again = await cmesh("up", ...portArgs);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("the stack is already running");
    expect(await processesMentioning(runDir)).toEqual(started);
  });

  // Three kills, each waited out, with 100,000 lines through the pipeline: minutes on a busy machine.
  it("heals: starts a killed worker, coordinator and file service again, and loses no line", {
    timeout: 480_000,
  }, async () => {
    const input = join(runDir, "heal.in");
    const output = join(runDir, "heal.out");
    const connectors = {
      "heal-source": { "connector.class": "FileStreamSource", file: input, topic: "heal" },
      "heal-sink": { "connector.class": "FileStreamSink", file: output, topics: "heal" },
    };
    for (const [name, config] of Object.entries(connectors))
      expect((await rest(restUrl, "POST", "/connectors", { name, config })).status).toBe(201);

    // A quarter of the lines before each kill, and each kill once some of that quarter has arrived, so
    // records are in flight at every kill.
    const QUARTER = 25_000;
    const victims = ["worker", "coordinator", "connector-file"];
    for (const [i, victim] of victims.entries()) {
      await appendLines(input, i * QUARTER, (i + 1) * QUARTER);
      await waitFor(
        async () => new Set(await readLines(output)).size,
        (distinct) => distinct >= i * QUARTER + QUARTER / 5,
        { timeoutMs: 120_000, description: `lines under way before the kill of ${victim}` },
      );
      await killAndAwaitRestart(victim);
    }
    await appendLines(input, victims.length * QUARTER, 4 * QUARTER);

    const lines = await waitForDistinctLines(output, 4 * QUARTER, 180_000);
    expect(new Set(lines)).toEqual(new Set(Array.from({ length: 4 * QUARTER }, (_, i) => lineText(i))));
    // At least once: a kill may replay what its task had not committed yet, at most what a source task and
    // a sink task may each hold uncommitted (2,000 records), for each of the three kills.
    const duplicates = lines.length - 4 * QUARTER;
    process.stdout.write(`kill -9 of ${victims.join(", ")}: ${duplicates} lines delivered twice\n`);
    expect(duplicates).toBeLessThanOrEqual(victims.length * 2 * 2_000);

    const status = await cmesh("status", "--run-dir", runDir);
    expect(status.code, status.stdout).toBe(0);
    for (const victim of victims)
      expect(status.stdout).toMatch(new RegExp(`^${victim}\\s.*restarts 1\\s+healthy$`, "m"));
  });

  it("starts a component stopped on purpose with `cmesh up`, and restarts one with `cmesh restart`", async () => {
    const stop = await cmesh("stop", "worker-2", "--run-dir", runDir);
    expect(stop.code, stop.stderr).toBe(0);
    const stopped = await cmesh("status", "--run-dir", runDir);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/^worker-2\s.*stopped \(cmesh stop; cmesh up starts it\)$/m);

    const up = await cmesh("up", ...portArgs);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain("started worker-2 again");
    const coordinatorPid = pidOf(await readStackState(runDir), "coordinator");
    const restart = await cmesh("restart", "coordinator", "--run-dir", runDir);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toMatch(/^restarted coordinator: pid \d+, ready at http/m);
    expect(pidOf(await readStackState(runDir), "coordinator")).not.toBe(coordinatorPid);
    const status = await cmesh("status", "--run-dir", runDir);
    expect(status.code, status.stdout).toBe(0);
  });

  it("stops every process it started with `cmesh down`", async () => {
    const down = await cmesh("down", ...portArgs);
    expect(down.code, down.stderr).toBe(0);
    expect(await processesMentioning(runDir)).toEqual([]);

    const after = await cmesh("status", ...portArgs);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain("the stack is not running");
  });

  /** Kills a component with SIGKILL, and waits until the supervisor has started it again and the stack is healthy. */
  async function killAndAwaitRestart(name: string): Promise<void> {
    const victim = pidOf(await readStackState(runDir), name);
    process.kill(victim, "SIGKILL");
    await waitFor(
      async () => (await readStackState(runDir))?.components.find((c) => c.name === name),
      (component) => component !== undefined && component.pid !== victim && component.restarts === 1,
      { timeoutMs: 30_000, description: `the supervisor to start ${name} again` },
    );
    await waitFor(
      () => cmesh("status", "--run-dir", runDir),
      (status) => status.code === 0,
      { timeoutMs: 90_000, description: `the stack to be healthy after the kill of ${name}` },
    );
  }

  /** A file pipeline's two tasks run one on each worker, and its lines still reach the sink file. */
  async function expectSourceAndSinkOnTwoWorkers(): Promise<void> {
    const input = join(runDir, "two-workers.in");
    const output = join(runDir, "two-workers.out");
    await writeFile(input, "one\ntwo\n");
    const connectors = {
      "two-workers-source": { "connector.class": "FileStreamSource", file: input, topic: "two-workers" },
      "two-workers-sink": { "connector.class": "FileStreamSink", file: output, topics: "two-workers" },
    };
    for (const [name, config] of Object.entries(connectors))
      expect((await rest(restUrl, "POST", "/connectors", { name, config })).status).toBe(201);
    const placed = await waitFor(
      async () => (await Promise.all(Object.keys(connectors).map((name) => tasksOf(restUrl, name)))).flat(),
      (tasks) => tasks.length === 2 && tasks.every((task) => task.state === "RUNNING"),
      { timeoutMs: 60_000, description: "both connectors' tasks running" },
    );
    expect(placed.map((task) => task.worker_id).sort()).toEqual(["worker-1", "worker-2"]);
    await waitFor(
      () => readFile(output, "utf8").catch(() => ""),
      (text) => text === "one\ntwo\n",
      { timeoutMs: 60_000, description: "both lines in the sink file" },
    );
  }

  it("says in one line which port is taken, and starts nothing", async () => {
    const blocker: Server = createServer();
    const takenPort = await findFreePort();
    await new Promise<void>((listening) => blocker.listen(takenPort, "127.0.0.1", listening));
    try {
      const args = portArgs.map((arg, i) => (portArgs[i - 1] === "--etcd-port" ? String(takenPort) : arg));
      const up = await cmesh("up", ...args);
      expect(up.code).toBe(1);
      expect(up.stderr.trim()).toBe(
        `cmesh: port ${takenPort} (etcd client) is already in use on 127.0.0.1; stop what holds it or choose other ports (cmesh up --help)`,
      );
      expect(await processesMentioning(runDir)).toEqual([]);
    } finally {
      await new Promise((closed) => blocker.close(closed));
    }
  });

  it("rejects an unknown command with the list of commands", async () => {
    const result = await cmesh("start");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /unknown command "start"; the commands are up, down, status, conformance, connectors, .* validate, trace, dlq and top/,
    );
  });
});

describe("cmesh's connector commands against the running coordinator", () => {
  const restUrl = inject("restUrl");
  const baseDir = inject("baseDir");

  it("lists, shows, pauses, resumes and validates connectors through the REST API", async () => {
    const name = `cli-${Date.now()}`;
    const config = { "connector.class": "FileStreamSink", file: join(baseDir, `${name}.txt`), topics: name };
    const configFile = join(baseDir, `${name}.json`);
    await writeFile(configFile, JSON.stringify({ name, config }));
    const created = await fetch(`${restUrl}/connectors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name, config }),
    });
    expect(created.status).toBe(201);
    try {
      const listed = await cmesh("connectors", "--url", restUrl);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${name}\\s+sink\\s+`, "m"));

      const paused = await cmesh("pause", name, "--url", restUrl);
      expect(paused.code, paused.stderr).toBe(0);
      const status = await waitFor(
        () => cmesh("status", name, "--url", restUrl),
        (result) => /^connector\s+PAUSED/m.test(result.stdout),
        { timeoutMs: 30_000, description: `cmesh status ${name} to show PAUSED` },
      );
      expect(status.stdout).toContain(`${name} (sink)`);
      expect((await cmesh("resume", name, "--url", restUrl)).code).toBe(0);

      const valid = await cmesh("validate", configFile, "--url", restUrl);
      expect(valid.code, valid.stdout + valid.stderr).toBe(0);
      await writeFile(configFile, JSON.stringify({ "connector.class": "FileStreamSink" }));
      const invalid = await cmesh("validate", configFile, "--url", restUrl);
      expect(invalid.code).toBe(1);
      expect(invalid.stdout).toContain("Must configure one of topics or topics.regex");

      const unknown = await cmesh("status", "no-such-connector", "--url", restUrl);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("Connector no-such-connector not found");
    } finally {
      await fetch(`${restUrl}/connectors/${name}`, { method: "DELETE" });
    }
  });
});
