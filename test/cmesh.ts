import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { waitFor } from "@connect-mesh/async";

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

/** Where `cmesh trace --dlq` looks: the stack's REST API, broker and Jaeger query API. */
export interface TraceUrls {
  readonly restUrl: string;
  readonly bootstrap: string;
  readonly jaegerQueryUrl: string;
}

/**
 * The lines `cmesh trace --dlq <sink> 0:0` prints for the first DLQ copy of `sink`, once Jaeger holds its
 * trace down to the dead letter hop, with the index of the line of `hop`'s FAILED span (-1 when none).
 */
export async function traceOfFirstDeadLetter(
  sink: string,
  hop: string,
  urls: TraceUrls,
): Promise<{ lines: string[]; failedHop: number }> {
  const traced = await waitFor(
    () =>
      cmesh(
        "trace",
        "--dlq",
        sink,
        "0:0",
        "--url",
        urls.restUrl,
        "--bootstrap",
        urls.bootstrap,
        "--jaeger-url",
        urls.jaegerQueryUrl,
      ),
    (result) => result.code === 0 && result.stdout.includes("dead letter"),
    { timeoutMs: 60_000, description: `cmesh trace --dlq ${sink} to show the dead letter hop` },
  );
  const lines = traced.stdout.split("\n");
  return {
    lines,
    failedHop: lines.findIndex((line) => line.includes(`─ ${hop} `) && line.includes("FAILED")),
  };
}
