import { describe, expect, it } from "vitest";
import { parseTreeMember, sumTree } from "./proc-tree.js";

// A postmaster's /proc/<pid>/stat: utime 3, stime 3, and 18 + 23 ticks of children it has reaped.
const STAT =
  "13895 (postgres) S 1 13895 13895 0 -1 4194560 4892 44001 0 23 3 3 18 23 20 0 1 0 68619 222330880 7329 18446744073709551615";
const SMAPS_ROLLUP =
  "55e1-7ffe ---p 00000000 00:00 0 [rollup]\nRss:               29480 kB\nPss:               11962 kB\n";

describe("parseTreeMember", () => {
  it("counts a process's own CPU ticks and those of the children it has reaped", () => {
    expect(parseTreeMember(STAT, SMAPS_ROLLUP)).toEqual({ cpuTicks: 47, pssBytes: 11_962 * 1024 });
  });

  it("reads a command name with spaces and parentheses", () => {
    const stat = STAT.replace("(postgres)", "(postgres: walwriter (x))");
    expect(parseTreeMember(stat, SMAPS_ROLLUP)?.cpuTicks).toBe(47);
  });

  it("keeps the CPU of a process that has exited but not been reaped, which has no memory map", () => {
    expect(parseTreeMember(STAT, "")).toEqual({ cpuTicks: 47, pssBytes: 0 });
  });

  it("is undefined for a stat it cannot read", () => {
    expect(parseTreeMember("13895 (postgres) S 1", SMAPS_ROLLUP)).toBeUndefined();
  });
});

describe("sumTree", () => {
  it("adds the members' CPU and proportional memory", () => {
    const members = [
      { cpuTicks: 47, pssBytes: 1024 },
      { cpuTicks: 153, pssBytes: 2048 },
    ];
    expect(sumTree(members, 100)).toEqual({ cpuSeconds: 2, rssBytes: 3072 });
  });
});
