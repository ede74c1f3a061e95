import type { ConfigMap } from "./conformance-options.js";
import { formatReport } from "./format-report.js";
import { CLI_USAGE, parseCliArgs } from "./parse-cli-args.js";
import { readConfigFile } from "./read-config-file.js";
import { runConformance } from "./run-conformance.js";

/** What the CLI entry may be given besides its arguments. */
export interface CliOptions {
  /** Aborts the run (e.g. on SIGINT); the CLI then reports that it stopped and returns 1. */
  readonly signal?: AbortSignal;
}

/**
 * The conformance command: parses `<host:port> [--config plugin=file.json ...]` (see CLI_USAGE), runs the
 * checks, writes the report through `out` one line at a time, and returns the exit code: 0 when no check
 * failed, 1 when one did (or the run was aborted), 2 on a usage or config-file error.
 */
export async function runConformanceCli(
  argv: readonly string[],
  out: (line: string) => void,
  options: CliOptions = {},
): Promise<number> {
  const signal = options.signal ?? new AbortController().signal;
  const parsed = parseCliArgs(argv);
  if (parsed.kind === "help") {
    for (const line of CLI_USAGE) out(line);
    return 0;
  }
  if (parsed.kind === "error") {
    out(`conformance: ${parsed.problem}`);
    for (const line of CLI_USAGE) out(line);
    return 2;
  }
  const { args } = parsed;
  let configs: Record<string, ConfigMap>;
  let rejecting: Record<string, ConfigMap>;
  try {
    configs = await readConfigFiles(args.configFiles, signal);
    rejecting = await readConfigFiles(args.rejectingConfigFiles, signal);
  } catch (error) {
    if (signal.aborted) return stopped(out, signal);
    out(`conformance: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const report = await runConformance({
      address: args.address,
      signal,
      plugins: args.plugins.length > 0 ? args.plugins : undefined,
      // A plugin is a source or a sink, and the kit picks the map that matches Describe's kind.
      sourceConfigs: configs,
      sinkConfigs: configs,
      rejectingSinkConfigs: rejecting,
      timeoutMs: args.timeoutMs,
      quietMs: args.quietMs,
    });
    for (const line of formatReport(report).split("\n")) out(line);
    return report.passed ? 0 : 1;
  } catch (error) {
    if (signal.aborted) return stopped(out, signal);
    if (error instanceof RangeError) {
      out(`conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function readConfigFiles(
  files: ReadonlyMap<string, string>,
  signal: AbortSignal,
): Promise<Record<string, ConfigMap>> {
  const configs: Record<string, ConfigMap> = {};
  for (const [plugin, path] of files) configs[plugin] = await readConfigFile(path, signal);
  return configs;
}

function stopped(out: (line: string) => void, signal: AbortSignal): number {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason);
  out(`conformance: stopped before the end (${reason})`);
  return 1;
}
