/** What the conformance command line asks for. */
export interface CliArgs {
  /** The connector service, "host:port". */
  readonly address: string;
  /** A JSON file with a working config, per plugin name (`--config plugin=path.json`). */
  readonly configFiles: ReadonlyMap<string, string>;
  /** A JSON file with a config that makes the sink's writes fail, per plugin (`--rejecting-config plugin=path.json`). */
  readonly rejectingConfigFiles: ReadonlyMap<string, string>;
  /** The plugins to check (`--plugin name`, repeatable); every listed plugin when empty. */
  readonly plugins: readonly string[];
  /** Each check's deadline (`--timeout-ms`). */
  readonly timeoutMs?: number;
  /** How long to wait to be sure something does not happen (`--quiet-ms`). */
  readonly quietMs?: number;
}

/** The parsed command line, a request for help, or what is wrong with it. */
export type CliParse =
  | { readonly kind: "run"; readonly args: CliArgs }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly problem: string };

/** How to call the conformance command, one line per entry. */
export const CLI_USAGE: readonly string[] = [
  "usage: conformance <host:port> [--config <plugin>=<file.json> ...] [--rejecting-config <plugin>=<file.json> ...]",
  "                   [--plugin <name> ...] [--timeout-ms <ms>] [--quiet-ms <ms>]",
  "  --config            a JSON object with a working config for the plugin (class name or alias);",
  "                      checks that need one are skipped without it",
  "  --rejecting-config  for a sink: a config with which writing fails, to check typed WriteErrors",
  "  --plugin            check only this plugin (repeatable); default: every plugin Describe lists",
  "  --timeout-ms        each check's deadline (default 10000)",
  "  --quiet-ms          how long to wait to be sure nothing more arrives (default 500, or a quarter of",
  "                      --timeout-ms if less); --timeout-ms must be more than twice it",
  "exit code: 0 when no check failed, 1 when one did, 2 on a usage error",
];

const FLAGS = new Set(["--config", "--rejecting-config", "--plugin", "--timeout-ms", "--quiet-ms"]);

/** Parses `<host:port> [options]` (the arguments after the command's name). */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const configFiles = new Map<string, string>();
  const rejectingConfigFiles = new Map<string, string>();
  const plugins: string[] = [];
  const positional: string[] = [];
  let timeoutMs: number | undefined;
  let quietMs: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = splitFlag(arg);
    if (!FLAGS.has(flag)) return { kind: "error", problem: `unknown option ${flag}` };
    const value = inline ?? argv[++index];
    if (value === undefined) return { kind: "error", problem: `${flag} needs a value` };
    switch (flag) {
      case "--config":
      case "--rejecting-config": {
        const pair = pluginFile(flag, value);
        if (typeof pair === "string") return { kind: "error", problem: pair };
        (flag === "--config" ? configFiles : rejectingConfigFiles).set(pair.plugin, pair.file);
        break;
      }
      case "--plugin":
        plugins.push(value);
        break;
      case "--timeout-ms":
      case "--quiet-ms": {
        const ms = Number(value);
        if (!/^\d+$/.test(value) || ms < 1) {
          return {
            kind: "error",
            problem: `${flag} must be a whole number of milliseconds above 0, not "${value}"`,
          };
        }
        if (flag === "--timeout-ms") timeoutMs = ms;
        else quietMs = ms;
        break;
      }
    }
  }
  const [address, ...extra] = positional;
  if (address === undefined) return { kind: "error", problem: "missing the connector service's <host:port>" };
  if (extra.length > 0) return { kind: "error", problem: `unexpected arguments: ${extra.join(" ")}` };
  if (!/^.+:\d+$/.test(address)) {
    return { kind: "error", problem: `"${address}" is not <host:port>` };
  }
  return { kind: "run", args: { address, configFiles, rejectingConfigFiles, plugins, timeoutMs, quietMs } };
}

/** "--flag=value" into ["--flag", "value"]; "--flag" into ["--flag", undefined]. */
function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

function pluginFile(flag: string, value: string): { plugin: string; file: string } | string {
  const equals = value.indexOf("=");
  const plugin = equals < 0 ? "" : value.slice(0, equals);
  const file = equals < 0 ? "" : value.slice(equals + 1);
  if (plugin === "" || file === "") return `${flag} takes <plugin>=<file.json>, not "${value}"`;
  return { plugin, file };
}
