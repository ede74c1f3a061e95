import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, "../services/cli/src/main.ts");

/** Runs cmesh from its source, as a person would run it, and keeps its exit code instead of throwing. */
export async function cmesh(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--conditions=@connect-mesh/source", "--import", "tsx", CLI, ...args],
      { timeout: 180_000, env: { ...process.env, CONNECT_MESH_RUN_FROM_SOURCE: "1" } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}
