import { parseArgs } from "node:util";
import { parsePort, type StackConfig } from "@connect-mesh/deploy";

/** A parsed command line. */
export type Command =
  | { readonly name: "up"; readonly overrides: Partial<StackConfig>; readonly demo: boolean }
  | { readonly name: "down" | "status"; readonly overrides: Partial<StackConfig> }
  | { readonly name: "help" };

export const USAGE = `usage: cmesh <command> [options]

commands:
  up       fetch and build what is missing (first run only), then start Kafka, etcd and the mesh;
           with --demo, also run Kafka Connect's file example (input.txt → Kafka → output.txt)
  down     stop everything \`cmesh up\` started
  status   show what runs, where, and whether it is healthy
  conformance <host:port> [--config <plugin>=<file.json> ...]
           check that a connector service honours the contract (cmesh conformance --help)

options (also read from CONNECT_MESH_* environment variables; see docs/local-stack.md):
  --run-dir DIR          data, logs and state of this stack (default ./.run)
  --kafka-port N         Kafka's client port (default 9092)
  --kafka-controller-port N
                         Kafka's KRaft controller port (default 9093)
  --etcd-port N          etcd's client port (default 2379)
  --etcd-peer-port N     etcd's peer port (default 2380)
  --rest-port N          the coordinator's REST API port (default 8083)
  -h, --help             show this help
`;

/** A command line that cannot be understood; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message} (cmesh --help lists the commands and options)`);
    this.name = new.target.name;
  }
}

/** Parses `argv` (without node and the script); throws a UsageError that names what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseStrictly(argv);
  const [name, ...extra] = positionals;
  if (values.help || name === undefined || name === "help") return { name: "help" };
  if (name !== "up" && name !== "down" && name !== "status") {
    throw new UsageError(`unknown command "${name}"; the commands are up, down and status`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(" ")}" after "${name}"`);
  const overrides: { -readonly [K in keyof StackConfig]?: StackConfig[K] } = {};
  if (values["run-dir"] !== undefined) overrides.runDir = values["run-dir"];
  if (values["kafka-port"] !== undefined)
    overrides.kafkaPort = parsePort(values["kafka-port"], "--kafka-port");
  if (values["kafka-controller-port"] !== undefined) {
    overrides.kafkaControllerPort = parsePort(values["kafka-controller-port"], "--kafka-controller-port");
  }
  if (values["etcd-port"] !== undefined) overrides.etcdPort = parsePort(values["etcd-port"], "--etcd-port");
  if (values["etcd-peer-port"] !== undefined)
    overrides.etcdPeerPort = parsePort(values["etcd-peer-port"], "--etcd-peer-port");
  if (values["rest-port"] !== undefined) overrides.restPort = parsePort(values["rest-port"], "--rest-port");
  if (name === "up") return { name, overrides, demo: values.demo ?? false };
  if (values.demo) throw new UsageError(`--demo goes with "up", not "${name}"`);
  return { name, overrides };
}

function parseStrictly(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        "run-dir": { type: "string" },
        "kafka-port": { type: "string" },
        "kafka-controller-port": { type: "string" },
        "etcd-port": { type: "string" },
        "etcd-peer-port": { type: "string" },
        "rest-port": { type: "string" },
        demo: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with a readable message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
