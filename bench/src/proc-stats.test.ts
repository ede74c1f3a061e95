import { describe, expect, it } from "vitest";
import { parseProc, readProc } from "./proc-stats.js";

const STATUS = "Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n";
// A command name with a space and a ")" in it, as a process can choose for itself.
const STAT =
  "4242 (node (x) y) S 1 4242 4242 0 -1 4194560 3000 0 0 0 250 50 0 0 20 0 11 0 100 1000000 25600 18446744073709551615";

describe("parseProc", () => {
  it("reads VmRSS and utime plus stime", () => {
    expect(parseProc(STATUS, STAT, 100)).toEqual({ rssBytes: 102400 * 1024, cpuSeconds: 3 });
  });

  it("is undefined for a status without VmRSS (a zombie)", () => {
    expect(parseProc("Name:\tnode\n", STAT, 100)).toBeUndefined();
  });
});

describe("readProc", () => {
  it("reads this very process", async () => {
    const reading = await readProc(process.pid);
    expect(reading?.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(reading?.cpuSeconds).toBeGreaterThan(0);
  });

  it("is undefined for a pid that does not exist", async () => {
    expect(await readProc(2 ** 22 + 1)).toBeUndefined();
  });
});
