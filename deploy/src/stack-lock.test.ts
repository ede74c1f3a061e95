import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tryStackLock, underStackLock } from "./stack-lock.js";

describe("the stack lock", () => {
  let runDir: string;
  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), "stack-lock-"));
  });
  afterEach(async () => {
    await rm(runDir, { recursive: true, force: true });
  });

  it("runs one holder at a time: a second waits until the first has finished", async () => {
    const events: string[] = [];
    let releaseFirst = () => {};
    const firstMayEnd = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const first = underStackLock(runDir, async () => {
      events.push("first starts");
      await firstMayEnd;
      events.push("first ends");
    });
    // The first holds the lock from its first await on: wait until it says so.
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const second = underStackLock(runDir, async () => {
      events.push("second runs");
    });
    expect(await tryStackLock(runDir, async () => "ran")).toBeUndefined();
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(["first starts", "first ends", "second runs"]);
  });

  it("lets the lock go when the work throws", async () => {
    await expect(
      underStackLock(runDir, async () => {
        throw new Error("failed start");
      }),
    ).rejects.toThrow("failed start");
    expect(await tryStackLock(runDir, async () => "ran")).toBe("ran");
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    await writeFile(join(runDir, "stack.lock"), dead.stdout.toString());
    expect(await underStackLock(runDir, async () => readFile(join(runDir, "stack.lock"), "utf8"))).toBe(
      String(process.pid),
    );
  });

  it("leaves a living holder's lock alone", async () => {
    await writeFile(join(runDir, "stack.lock"), String(process.ppid));
    expect(await tryStackLock(runDir, async () => "ran")).toBeUndefined();
  });
});
