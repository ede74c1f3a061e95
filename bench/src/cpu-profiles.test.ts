import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { STACK_START } from "./bench-stack.js";
import { reportServiceProfiles } from "./cpu-profiles.js";

/** A profile Node could have written: 10 ms busy in one function, 10 ms idle. */
function profile(functionName: string) {
  return JSON.stringify({
    startTime: 0,
    endTime: 20_000,
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: 0 }, hitCount: 0 },
      { id: 2, callFrame: { functionName: "(idle)", url: "", lineNumber: 0 }, hitCount: 1 },
      {
        id: 3,
        callFrame: { functionName, url: "file:///r/services/worker/dist/x.js", lineNumber: 4 },
        hitCount: 1,
      },
    ],
  });
}

let dir = "";
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reportServiceProfiles", () => {
  it("names and summarizes every process a service ran as, each after what it ran for", async () => {
    dir = await mkdtemp(join(tmpdir(), "cpu-profiles-test-"));
    await writeFile(join(dir, "CPU.20261125.101010.100.0.001.cpuprofile"), profile("atStart"));
    await writeFile(join(dir, "CPU.20261125.101020.200.0.001.cpuprofile"), profile("tracedRun"));
    await writeFile(join(dir, "CPU.20261125.101030.300.0.001.cpuprofile"), profile("secondWorker"));
    const processes: Record<string, { pid: number; purpose: string }[]> = {
      worker: [
        { pid: 100, purpose: STACK_START },
        { pid: 200, purpose: "d-tracing-1pct-1" },
      ],
      "worker-2": [{ pid: 300, purpose: STACK_START }],
    };
    const printed: string[] = [];
    await reportServiceProfiles(
      dir,
      ["worker", "worker-2"],
      (service) => processes[service] ?? [],
      (line) => printed.push(line),
    );

    expect((await readdir(dir)).sort()).toEqual([
      "summary.md",
      "worker-2.cpuprofile",
      "worker-d-tracing-1pct-1.cpuprofile",
      "worker.cpuprofile",
    ]);
    const summary = await readFile(join(dir, "summary.md"), "utf8");
    expect(summary).toContain("#### worker: 0.0 s busy");
    expect(summary).toContain("#### worker (restarted for d-tracing-1pct-1): 0.0 s busy");
    expect(summary).toContain("#### worker-2: 0.0 s busy");
    expect(summary.indexOf("atStart")).toBeLessThan(summary.indexOf("tracedRun"));
    expect(summary.indexOf("tracedRun")).toBeLessThan(summary.indexOf("secondWorker"));
    // Printed as written, after a blank line.
    expect(printed.join("\n").trim()).toBe(summary.trim());
  });
});
