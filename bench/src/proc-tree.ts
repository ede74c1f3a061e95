import { readdir, readFile } from "node:fs/promises";
import type { ProcReading } from "./proc-stats.js";
import { TICKS_PER_SECOND } from "./proc-stats.js";

/** One process of a tree, from its /proc/<pid>/stat and /proc/<pid>/smaps_rollup. */
export interface TreeMember {
  /** utime + stime + cutime + cstime, in clock ticks: its own CPU and that of its children it has reaped. */
  readonly cpuTicks: number;
  /** Its proportional set size: resident pages, each shared page divided among the processes sharing it. */
  readonly pssBytes: number;
}

/**
 * A process's CPU and memory with all its descendants', for a server that works in child processes
 * (PostgreSQL: a postmaster, a backend per connection, and its writers). Its own /proc entry would show
 * only the postmaster, which does almost none of the work.
 *
 * CPU counts each descendant's own time while it lives and, once it has exited, the time its parent
 * collects for it (cutime, cstime), so a backend that comes and goes during a run is not lost. Memory is
 * the sum of proportional set sizes, since the processes share the server's buffers: summing their
 * resident sizes would count those once per process. `excluded` are descendants to leave out (the
 * backend serving the bench's own queries), with their children.
 */
export async function readProcTree(
  rootPid: number,
  excluded: ReadonlySet<number> = new Set(),
): Promise<ProcReading | undefined> {
  const root = await readMember(rootPid);
  if (root === undefined) return undefined;
  const members = [root];
  for (const pid of await descendantsOf(rootPid, excluded)) {
    // A descendant that exits between listing and reading is counted by its parent from the next sample.
    const member = await readMember(pid);
    if (member !== undefined) members.push(member);
  }
  return sumTree(members, TICKS_PER_SECOND);
}

/** The tree's reading from its members'. */
export function sumTree(members: readonly TreeMember[], ticksPerSecond: number): ProcReading {
  return {
    cpuSeconds: members.reduce((sum, m) => sum + m.cpuTicks, 0) / ticksPerSecond,
    rssBytes: members.reduce((sum, m) => sum + m.pssBytes, 0),
  };
}

/**
 * A member from the text of its /proc/<pid>/stat and /proc/<pid>/smaps_rollup (empty for a process that has
 * exited and not been reaped yet, which has no memory but still its CPU); undefined if the stat is unreadable.
 */
export function parseTreeMember(stat: string, smapsRollup: string): TreeMember | undefined {
  // The command name (field 2) may hold spaces and parentheses, so the fields are counted after its last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime and cstime are fields 14 to 17 of stat(5); fields[0] here is field 3.
  const ticks = [fields[11], fields[12], fields[13], fields[14]].map(Number);
  const pss = /^Pss:\s+(\d+) kB/m.exec(smapsRollup);
  if (ticks.length !== 4 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  return { cpuTicks: ticks.reduce((a, b) => a + b, 0), pssBytes: Number(pss?.[1] ?? 0) * 1024 };
}

/**
 * Every descendant of `pid`, from each of its threads' children lists (Linux's
 * /proc/<pid>/task/<tid>/children), skipping `excluded` and what hangs below them.
 */
async function descendantsOf(pid: number, excluded: ReadonlySet<number>): Promise<number[]> {
  const found: number[] = [];
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const child of await childrenOf(next)) {
      if (excluded.has(child)) continue;
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

async function childrenOf(pid: number): Promise<number[]> {
  const threads = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(
    threads.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, "utf8").catch(() => "")),
  );
  return lists.flatMap((list) =>
    list
      .split(" ")
      .filter((text) => text !== "")
      .map(Number),
  );
}

async function readMember(pid: number): Promise<TreeMember | undefined> {
  try {
    const [stat, smapsRollup] = await Promise.all([
      readFile(`/proc/${pid}/stat`, "utf8"),
      // A zombie has no memory map left to read; its CPU still counts.
      readFile(`/proc/${pid}/smaps_rollup`, "utf8").catch(() => ""),
    ]);
    return parseTreeMember(stat, smapsRollup);
  } catch {
    // No /proc entry: the process has exited, and its parent's cutime will hold its CPU once reaped.
    return undefined;
  }
}
