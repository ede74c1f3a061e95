import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ServiceProcess, STACK_START } from "./bench-stack.js";
import { type CpuProfile, summarizeProfile } from "./cpu-profile-summary.js";
import { markdownTable } from "./markdown-table.js";

/** The mesh's Node services besides its workers, whose profiles `--cpu-prof` collects. */
const PROFILED_SERVICES = ["connector-file", "connector-jdbc", "connector-search", "coordinator"] as const;

/**
 * Prints where each of the mesh's Node services spent its CPU, and writes it to `summary.md` beside the
 * profiles: one section per process a service ran as (the tracing runs restart the worker and the file
 * service for each mode, so each mode's profile is its own).
 */
export async function reportServiceProfiles(
  dir: string,
  workers: readonly string[],
  processesOf: (service: string) => readonly ServiceProcess[],
  print: (line: string) => void,
): Promise<void> {
  const lines = [
    "### Where the mesh's services spent their CPU (node --cpu-prof, each process's whole life, idle left out)",
    "",
    ...(await summarizeServiceProfiles(dir, [...workers, ...PROFILED_SERVICES], processesOf)),
  ];
  await writeFile(join(dir, "summary.md"), `${lines.join("\n")}\n`);
  print("");
  for (const line of lines) print(line);
}

/**
 * Names each profile Node wrote in `dir` (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile) after the
 * service and the purpose of the process whose pid it carries (`worker.cpuprofile` for the process the
 * stack started with, `worker-<run id>.cpuprofile` for one a run restarted), and summarizes where each
 * one's busy time went. Node writes a profile when the process exits, so this runs after the stack stopped.
 */
async function summarizeServiceProfiles(
  dir: string,
  services: readonly string[],
  processesOf: (service: string) => readonly ServiceProcess[],
): Promise<string[]> {
  const files = await readdir(dir).catch(() => []);
  const lines: string[] = [];
  for (const service of services) {
    for (const { pid, purpose } of processesOf(service)) {
      const file = files.find((f) => f.endsWith(".cpuprofile") && f.split(".")[3] === String(pid));
      if (file === undefined) continue;
      const isStackStart = purpose === STACK_START;
      const named = join(dir, isStackStart ? `${service}.cpuprofile` : `${service}-${purpose}.cpuprofile`);
      await rename(join(dir, file), named);
      const summary = summarizeProfile(JSON.parse(await readFile(named, "utf8")) as CpuProfile);
      lines.push(
        `#### ${service}${isStackStart ? "" : ` (restarted for ${purpose})`}: ${(summary.busyMs / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle (${named})`,
        "",
        ...markdownTable(
          ["self time", "where"],
          summary.places.slice(0, 8).map((p) => [`${p.percent.toFixed(1)}%`, p.name]),
        ),
        "",
        ...markdownTable(
          ["self time", "function"],
          summary.functions.slice(0, 12).map((f) => [`${f.percent.toFixed(1)}%`, f.name]),
        ),
        "",
      );
    }
  }
  return lines;
}
