import { parseArgs } from "node:util";
import { parseOptionalComponents, parsePort, parseWorkerCount, type StackConfig } from "@connect-mesh/deploy";
import type { DeadLetterSelection } from "./dead-letter-selection.js";
import type { ObserveFlags } from "./observe-targets.js";
import { parsePartitionOffset, parseRecordPosition, type RecordPosition } from "./record-position.js";
import type { RestTarget } from "./rest-url.js";
import { UsageError } from "./usage-error.js";

/** A parsed command line. */
export type Command =
  | { readonly name: "up"; readonly overrides: Partial<StackConfig>; readonly demo: boolean }
  | { readonly name: "down" | "status"; readonly overrides: Partial<StackConfig> }
  | { readonly name: "connectors"; readonly rest: RestTarget }
  | {
      // "connector-status" is `cmesh status <name>`; plain `cmesh status` stays the stack's status.
      readonly name: "connector-status" | "pause" | "resume" | "stop";
      readonly connector: string;
      readonly rest: RestTarget;
    }
  | {
      readonly name: "restart";
      readonly connector: string;
      readonly includeTasks: boolean;
      readonly onlyFailed: boolean;
      readonly rest: RestTarget;
    }
  | {
      readonly name: "offsets";
      readonly action: "get" | "reset";
      readonly connector: string;
      readonly rest: RestTarget;
    }
  | { readonly name: "validate"; readonly file: string; readonly rest: RestTarget }
  | {
      readonly name: "trace";
      /** The record: at a position, the newest with a key, or a connector's DLQ record (its topic looked up). */
      readonly record:
        | { readonly kind: "position"; readonly position: RecordPosition }
        | { readonly kind: "key"; readonly topic: string; readonly key: string }
        | { readonly kind: "dlq"; readonly connector: string; readonly at: string };
      readonly observe: ObserveFlags;
      /** Where the REST API is, for `--dlq` (named apart from `rest`: this is no connector command). */
      readonly restTarget: RestTarget;
    }
  | {
      readonly name: "dlq";
      readonly action: "list" | "replay";
      readonly connector: string;
      readonly selection: DeadLetterSelection;
      /** replay: how long to wait for the connector to handle the records. */
      readonly timeoutMs: number;
      readonly observe: ObserveFlags;
      /** Where the REST API is, to read the connector's type and dead-letter topic. */
      readonly restTarget: RestTarget;
    }
  | {
      readonly name: "top";
      readonly once: boolean;
      readonly intervalMs: number;
      readonly observe: ObserveFlags;
    }
  | { readonly name: "help" };

/** A command that talks to the REST API. */
export type ConnectorCommand = Extract<Command, { readonly rest: RestTarget }>;

export const USAGE = `usage: cmesh <command> [options]

the local stack:
  up       fetch and build what is missing (first run only), then start Kafka, etcd and the mesh
           and a supervisor that starts a mesh service again when it dies (--no-restart: none);
           on a stack that runs in part, start what is missing, as it was first started;
           with --tracing, also Jaeger, with every service sending it its traces;
           with --with mariadb,postgres,elasticsearch,opensearch (or some of them), also those
           databases and search engines (docs/local-stack.md);
           with --demo, also run Kafka Connect's file example (input.txt → Kafka → output.txt),
           tracing on
  down     stop everything \`cmesh up\` started
  status   show what runs, where, whether it is healthy, and how often it was restarted
  restart <component>    stop one component of the stack (a name \`cmesh status\` shows) and start
                         it again; the name of a connector restarts the connector (see below)
  stop <component>       stop one component; the supervisor leaves it stopped until \`cmesh up\`
  conformance <host:port> [--config <plugin>=<file.json> ...]
           check that a connector service honours the contract (cmesh conformance --help)

connectors, through the coordinator's Kafka Connect REST API (see --url):
  connectors             every connector: its type, its state and its tasks' states
  status <name>          the connector's and each task's state and worker, with the trace of what
                         FAILED; exits 1 if anything FAILED
  pause <name>           pause the connector's tasks (they keep their assignment)
  resume <name>          run a paused or stopped connector again
  stop <name>            stop the connector and free its tasks (needed before its offsets change)
  restart <name> [--include-tasks] [--only-failed]
                         restart the connector; --include-tasks restarts its tasks too, and
                         --only-failed restarts only what has FAILED. A name that is also one of
                         the local stack's components means the component, unless --url,
                         --include-tasks or --only-failed is given (the same for stop)
  offsets get <name>     show the connector's committed offsets
  offsets reset <name>   delete them (stop the connector first)
  validate <file.json>   check a config, {"name": ..., "config": {...}} or the bare config, against
                         its plugin (connector.class); prints each error, exits 1 if there are any

following records and rates (docs/observability.md):
  trace <topic>:<partition>:<offset>
                         a record's journey from its trace in Jaeger: each hop, its service and
                         instance, its duration, the key and value where a hop may show them, the error
  trace <topic> --key K  the same for the newest record of the topic with the key K
  trace --dlq <name> <partition>:<offset>
                         the same for a record in the connector's dead-letter queue topic
  dlq list <name> [--from N] [--since TIME] [--filter TEXT]
                         the records in the connector's dead-letter queue: where each came from, the
                         stage and error that parked it, its key and value
  dlq replay <name> [--from N] [--since TIME] [--filter TEXT] [--timeout S]
                         send them back through the (sink) connector after a fix, through the topic
                         <dlq>.replay that only its tasks read; waits up to S seconds (default 120) and
                         says how many succeeded and how many went back to the dead-letter queue
                         (exits 1 if any did). --from: the first DLQ offset; --since: records parked
                         at or after an ISO time (2024-03-01T12:00:00Z); --filter: records whose key,
                         value or a header (the error message, the stage) contains TEXT
  top [--once] [--interval S]
                         records per second, lag and errors per connector, from every worker's /metrics
                         (found in the service registry), redrawn every S seconds (default 2);
                         --once prints one table after one interval

options (also read from CONNECT_MESH_* environment variables; see docs/local-stack.md):
  --run-dir DIR          data, logs and state of this stack (default ./.run)
  --kafka-port N         Kafka's client port (default 9092)
  --kafka-controller-port N
                         Kafka's KRaft controller port (default 9093)
  --etcd-port N          etcd's client port (default 2379)
  --etcd-peer-port N     etcd's peer port (default 2380)
  --rest-port N          the coordinator's REST API port (default 8083)
  --otlp-port N          with --tracing: Jaeger's OTLP/HTTP receiver port (default 4318)
  --jaeger-query-port N  with --tracing: Jaeger's query API port (default 16686)
  --with LIST            up: optional components to add, comma-separated: mariadb, postgres,
                         elasticsearch, opensearch
  --workers N            up: how many worker processes to run (default 1; each runs its tasks on
                         one thread, so 2 spread a pipeline's source and sink over two cores)
  --no-restart           up: run no supervisor, so a mesh service that dies stays down (for tests
                         that study a crash; CONNECT_MESH_RESTART_CRASHED=0 does the same)
  --mariadb-port N       with --with mariadb: MariaDB's port (default 3306)
  --postgres-port N      with --with postgres: PostgreSQL's port (default 5432)
  --elasticsearch-port N with --with elasticsearch: Elasticsearch's HTTP port (default 9200)
  --opensearch-port N    with --with opensearch: OpenSearch's HTTP port (default 9200; give one of
                         the two another port to run both)
  --bootstrap HOSTS      trace, dlq: Kafka (default $CONNECT_MESH_KAFKA_BOOTSTRAP, else the stack's)
  --etcd URLS            top: etcd (default $CONNECT_MESH_ETCD_ENDPOINTS, else the stack's)
  --jaeger-url URL       trace: Jaeger's query API (default $CONNECT_MESH_JAEGER_URL, else the stack's)
  --url URL              the REST API the connector commands use (default $CONNECT_MESH_REST_URL,
                         else http://127.0.0.1:<rest port>)
  -h, --help             show this help
`;

type CommandName = Exclude<Command["name"], "help">;

/** The commands a flag belongs to, and how an error names them. */
interface FlagScope {
  readonly commands: readonly CommandName[];
  readonly described: string;
}

const STACK_COMMANDS: readonly CommandName[] = ["up", "down", "status"];
const STACK_SCOPE: FlagScope = { commands: STACK_COMMANDS, described: '"up", "down" and plain "status"' };
const CONNECTOR_COMMANDS: readonly CommandName[] = [
  "connectors",
  "connector-status",
  "pause",
  "resume",
  "stop",
  "restart",
  "offsets",
  "validate",
];
const RESTART_SCOPE: FlagScope = { commands: ["restart"], described: '"restart"' };
const TRACE_SCOPE: FlagScope = { commands: ["trace"], described: '"trace"' };
const TOP_SCOPE: FlagScope = { commands: ["top"], described: '"top"' };
const DLQ_SCOPE: FlagScope = { commands: ["dlq"], described: '"dlq"' };

// A flag given to a command that ignores it is a mistake worth saying, not silently dropping: `cmesh pause
// x --kafka-port 1` would otherwise look as if it had used that port. --rest-port goes with every command
// (up starts the REST API on it, the connector commands find it there), so it is not listed.
const FLAG_SCOPES: Readonly<Record<string, FlagScope>> = {
  "run-dir": {
    // restart and stop take a component of the local stack as well as a connector.
    commands: [...STACK_COMMANDS, "restart", "stop", "trace", "top", "dlq"],
    described: '"up", "down", "status", "restart", "stop", "trace", "top" and "dlq"',
  },
  "kafka-port": STACK_SCOPE,
  "kafka-controller-port": STACK_SCOPE,
  "etcd-port": STACK_SCOPE,
  "etcd-peer-port": STACK_SCOPE,
  demo: { commands: ["up"], described: '"up"' },
  tracing: { commands: ["up"], described: '"up"' },
  "otlp-port": { commands: ["up"], described: '"up"' },
  "jaeger-query-port": { commands: ["up"], described: '"up"' },
  with: { commands: ["up"], described: '"up"' },
  workers: { commands: ["up"], described: '"up"' },
  "no-restart": { commands: ["up"], described: '"up"' },
  "mariadb-port": STACK_SCOPE,
  "postgres-port": STACK_SCOPE,
  "elasticsearch-port": STACK_SCOPE,
  "opensearch-port": STACK_SCOPE,
  url: {
    commands: [...CONNECTOR_COMMANDS, "trace", "dlq"],
    described: 'the connector commands, "trace --dlq" and "dlq"',
  },
  dlq: TRACE_SCOPE,
  key: TRACE_SCOPE,
  bootstrap: { commands: ["trace", "dlq"], described: '"trace" and "dlq"' },
  from: DLQ_SCOPE,
  since: DLQ_SCOPE,
  filter: DLQ_SCOPE,
  timeout: { commands: ["dlq"], described: '"dlq replay"' },
  "jaeger-url": TRACE_SCOPE,
  etcd: TOP_SCOPE,
  once: TOP_SCOPE,
  interval: TOP_SCOPE,
  "include-tasks": RESTART_SCOPE,
  "only-failed": RESTART_SCOPE,
};

/** Parses `argv` (without node and the script); throws a UsageError that names what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseStrictly(argv);
  const [name, ...operands] = positionals;
  if (values.help || name === undefined || name === "help") return { name: "help" };
  const command = commandFrom(name, operands, values);
  for (const flag of Object.keys(values)) {
    const scope = FLAG_SCOPES[flag];
    if (scope !== undefined && !scope.commands.includes(command.name)) {
      throw new UsageError(`--${flag} goes with ${scope.described}, not "${typedWords(command)}"`);
    }
  }
  return command;
}

type Flags = ReturnType<typeof parseStrictly>["values"];

function commandFrom(
  name: string,
  operands: readonly string[],
  values: Flags,
): Exclude<Command, { name: "help" }> {
  const overrides = overridesFrom(values);
  const target: RestTarget = values.url === undefined ? { overrides } : { url: values.url, overrides };
  switch (name) {
    case "up": {
      noOperands(name, operands);
      const demo = values.demo ?? false;
      // The demo is where a first look at a record's trace happens, so it brings the trace backend.
      const tracing = (values.tracing ?? false) || demo;
      return { name, overrides: tracing ? { ...overrides, tracing } : overrides, demo };
    }
    case "down":
      noOperands(name, operands);
      return { name, overrides };
    case "status": {
      // Without a name it is the stack's status, as before the connector commands existed.
      const [connector, ...extra] = operands;
      if (connector === undefined) return { name, overrides };
      noOperands(`status ${connector}`, extra);
      return { name: "connector-status", connector: nonEmpty(connector, name), rest: target };
    }
    case "connectors":
      noOperands(name, operands);
      return { name, rest: target };
    case "pause":
    case "resume":
    case "stop":
      return { name, connector: connectorOperand(name, operands), rest: target };
    case "restart":
      return {
        name,
        connector: connectorOperand(name, operands),
        includeTasks: values["include-tasks"] ?? false,
        onlyFailed: values["only-failed"] ?? false,
        rest: target,
      };
    case "offsets": {
      const [action, ...afterAction] = operands;
      if (action !== "get" && action !== "reset") {
        const given = action === undefined ? "nothing" : `"${action}"`;
        throw new UsageError(
          `"offsets" takes get or reset and a connector name, not ${given}: cmesh offsets get|reset <name>`,
        );
      }
      return { name, action, connector: connectorOperand(`offsets ${action}`, afterAction), rest: target };
    }
    case "validate": {
      const [file, ...extra] = operands;
      if (file === undefined)
        throw new UsageError('"validate" needs a JSON file: cmesh validate <file.json>');
      noOperands(`validate ${file}`, extra);
      return { name, file, rest: target };
    }
    case "trace":
      return {
        name,
        record: traceRecordFrom(operands, values),
        observe: observeFrom(values, overrides),
        restTarget: target,
      };
    case "dlq":
      return dlqCommandFrom(operands, values, {
        observe: observeFrom(values, overrides),
        restTarget: target,
      });
    case "top": {
      noOperands(name, operands);
      const seconds = Number(values.interval ?? "2");
      if (!(seconds > 0 && seconds <= 3600)) {
        throw new UsageError(
          `--interval takes seconds, more than 0 and at most 3600, not "${values.interval}"`,
        );
      }
      return {
        name,
        once: values.once ?? false,
        intervalMs: seconds * 1000,
        observe: observeFrom(values, overrides),
      };
    }
    default:
      throw new UsageError(
        `unknown command "${name}"; the commands are up, down, status, conformance, connectors, pause, ` +
          "resume, stop, restart, offsets, validate, trace, dlq and top",
      );
  }
}

function traceRecordFrom(
  operands: readonly string[],
  values: Flags,
): Extract<Command, { name: "trace" }>["record"] {
  const [first, ...extra] = operands;
  const usage =
    "cmesh trace <topic>:<partition>:<offset>, cmesh trace <topic> --key <key> or cmesh trace --dlq <name> <partition>:<offset>";
  if (first === undefined) throw new UsageError(`"trace" needs a record: ${usage}`);
  noOperands(`trace ${first}`, extra);
  if (values.dlq !== undefined && values.key !== undefined)
    throw new UsageError("--dlq and --key do not go together");
  if (values.dlq !== undefined) {
    parsePartitionOffset(first, "the DLQ topic"); // checked now, so a typo fails before any lookup
    return { kind: "dlq", connector: nonEmpty(values.dlq, "trace --dlq"), at: first };
  }
  if (values.key !== undefined) {
    if (!/^[A-Za-z0-9._-]+$/.test(first)) throw new UsageError(`"${first}" is not a topic name`);
    return { kind: "key", topic: first, key: values.key };
  }
  return { kind: "position", position: parseRecordPosition(first) };
}

function dlqCommandFrom(
  operands: readonly string[],
  values: Flags,
  where: { readonly observe: ObserveFlags; readonly restTarget: RestTarget },
): Extract<Command, { name: "dlq" }> {
  const [action, ...afterAction] = operands;
  if (action !== "list" && action !== "replay") {
    const given = action === undefined ? "nothing" : `"${action}"`;
    throw new UsageError(
      `"dlq" takes list or replay and a connector name, not ${given}: cmesh dlq list|replay <name>`,
    );
  }
  if (action === "list" && values.timeout !== undefined)
    throw new UsageError('--timeout goes with "dlq replay", not "dlq list"');
  const connector = connectorOperand(`dlq ${action}`, afterAction);
  const selection: { -readonly [K in keyof DeadLetterSelection]: DeadLetterSelection[K] } = {};
  if (values.from !== undefined) {
    if (!/^\d+$/.test(values.from))
      throw new UsageError(
        `--from takes an offset in the dead-letter topic (0 or more), not "${values.from}"`,
      );
    selection.fromOffset = BigInt(values.from);
  }
  if (values.since !== undefined) {
    const sinceMs = Date.parse(values.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(sinceMs))
      throw new UsageError(
        `--since takes an ISO time such as 2024-03-01T12:00:00Z or 2024-03-01, not "${values.since}"`,
      );
    selection.sinceMs = sinceMs;
  }
  if (values.filter !== undefined) {
    if (values.filter === "") throw new UsageError("--filter needs some text to look for");
    selection.filter = values.filter;
  }
  const seconds = Number(values.timeout ?? "120");
  if (!(seconds > 0 && seconds <= 86_400))
    throw new UsageError(`--timeout takes seconds, more than 0 and at most 86400, not "${values.timeout}"`);
  return { name: "dlq", action, connector, selection, timeoutMs: seconds * 1000, ...where };
}

function observeFrom(values: Flags, overrides: Partial<StackConfig>): ObserveFlags {
  return {
    overrides,
    ...(values.bootstrap === undefined ? {} : { bootstrap: values.bootstrap }),
    ...(values.etcd === undefined ? {} : { etcd: values.etcd }),
    ...(values["jaeger-url"] === undefined ? {} : { jaegerUrl: values["jaeger-url"] }),
  };
}

function overridesFrom(values: Flags): Partial<StackConfig> {
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
  if (values["otlp-port"] !== undefined) overrides.otlpPort = parsePort(values["otlp-port"], "--otlp-port");
  if (values["jaeger-query-port"] !== undefined)
    overrides.jaegerQueryPort = parsePort(values["jaeger-query-port"], "--jaeger-query-port");
  // Given more than once (--with mariadb --with postgres), the lists add up.
  if (values.with !== undefined)
    overrides.withComponents = parseOptionalComponents(values.with.join(","), "--with");
  if (values["mariadb-port"] !== undefined)
    overrides.mariadbPort = parsePort(values["mariadb-port"], "--mariadb-port");
  if (values["postgres-port"] !== undefined)
    overrides.postgresPort = parsePort(values["postgres-port"], "--postgres-port");
  if (values["elasticsearch-port"] !== undefined)
    overrides.elasticsearchPort = parsePort(values["elasticsearch-port"], "--elasticsearch-port");
  if (values["opensearch-port"] !== undefined)
    overrides.opensearchPort = parsePort(values["opensearch-port"], "--opensearch-port");
  if (values.workers !== undefined) overrides.workers = parseWorkerCount(values.workers, "--workers");
  if (values["no-restart"]) overrides.restartCrashed = false;
  return overrides;
}

/** The one connector name a command takes, as in `cmesh pause <name>`. */
function connectorOperand(command: string, operands: readonly string[]): string {
  const [connector, ...extra] = operands;
  if (connector === undefined) {
    throw new UsageError(`"${command}" needs a connector name: cmesh ${command} <name>`);
  }
  noOperands(`${command} ${connector}`, extra);
  return nonEmpty(connector, command);
}

function nonEmpty(connector: string, command: string): string {
  // An empty name would make the path /connectors//..., which the REST API answers with a confusing 404.
  if (connector === "") throw new UsageError(`"${command}" needs a connector name, not an empty one`);
  return connector;
}

function noOperands(after: string, extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(" ")}" after "${after}"`);
}

/** The command as the person typed it, for messages: `status <name>` rather than the internal name. */
function typedWords(command: Exclude<Command, { name: "help" }>): string {
  switch (command.name) {
    case "connector-status":
      return `status ${command.connector}`;
    case "offsets":
    case "dlq":
      return `${command.name} ${command.action}`;
    default:
      return command.name;
  }
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
        url: { type: "string" },
        demo: { type: "boolean" },
        tracing: { type: "boolean" },
        "otlp-port": { type: "string" },
        "jaeger-query-port": { type: "string" },
        with: { type: "string", multiple: true },
        workers: { type: "string" },
        "no-restart": { type: "boolean" },
        "mariadb-port": { type: "string" },
        "postgres-port": { type: "string" },
        "elasticsearch-port": { type: "string" },
        "opensearch-port": { type: "string" },
        "include-tasks": { type: "boolean" },
        "only-failed": { type: "boolean" },
        dlq: { type: "string" },
        key: { type: "string" },
        bootstrap: { type: "string" },
        etcd: { type: "string" },
        "jaeger-url": { type: "string" },
        once: { type: "boolean" },
        from: { type: "string" },
        since: { type: "string" },
        filter: { type: "string" },
        timeout: { type: "string" },
        interval: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with a readable message.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
