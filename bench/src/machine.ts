import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg, release, totalmem } from "node:os";
import { promisify } from "node:util";

/** The machine a bench ran on, so a table is never read without it. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  readonly java: string;
  /** The 1-minute load average when the bench started and when it finished: above the core count, others were busy too. */
  readonly loadAtStart: number;
  readonly loadAtEnd?: number;
}

/** Describes this machine now. */
export async function describeMachine(): Promise<MachineInfo> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: `Linux ${release()}`,
    node: process.version,
    java: await javaVersion(),
    loadAtStart: loadavg()[0] ?? 0,
  };
}

/** The 1-minute load average right now. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}

async function javaVersion(): Promise<string> {
  try {
    // `java -version` writes to stderr.
    const { stderr } = await promisify(execFile)("java", ["-version"]);
    return stderr.split("\n")[0]?.trim() ?? "unknown";
  } catch {
    return "not found";
  }
}
