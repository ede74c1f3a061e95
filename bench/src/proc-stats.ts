import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

/** One reading of a process from /proc. */
export interface ProcReading {
  readonly rssBytes: number;
  /** User plus system CPU time since the process started. */
  readonly cpuSeconds: number;
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ), asked once. */
export const TICKS_PER_SECOND =
  Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Reads a process's resident memory and CPU time; undefined once it has exited. */
export async function readProc(pid: number): Promise<ProcReading | undefined> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, "utf8"),
      readFile(`/proc/${pid}/stat`, "utf8"),
    ]);
    return parseProc(status, stat, TICKS_PER_SECOND);
  } catch {
    // No /proc entry: the process is gone, which for a tool run to completion is expected.
    return undefined;
  }
}

/** The reading from the text of /proc/<pid>/status and /proc/<pid>/stat. */
export function parseProc(status: string, stat: string, ticksPerSecond: number): ProcReading | undefined {
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  // The command name (field 2) may hold spaces and parentheses, so the fields are counted after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!rss?.[1] || !Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
  return { rssBytes: Number(rss[1]) * 1024, cpuSeconds: (userTicks + systemTicks) / ticksPerSecond };
}
