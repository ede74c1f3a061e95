import { MeshError } from "@connect-mesh/errors";

/** One problem with an `errors.*` key, under its full key, worded as Connect words it. */
export interface ErrorConfigIssue {
  readonly key: string;
  readonly message: string;
}

/** Kafka Connect's `errors.tolerance`: fail on the first bad record, or skip every bad record. */
export type ErrorTolerance = "none" | "all";

/** A connector's `errors.*` settings, parsed, with Connect's defaults filled in. */
export interface ErrorHandlingConfig {
  readonly tolerance: ErrorTolerance;
  /** How long a retriable failure is retried for: 0 never, -1 forever. */
  readonly retryTimeoutMs: number;
  /** The cap of the backoff between retries. */
  readonly retryDelayMaxMs: number;
  readonly logEnabled: boolean;
  /** Whether a logged failure includes the record's key, value and headers (a PII risk, off by default). */
  readonly logIncludeMessages: boolean;
  /** The dead-letter queue topic, or undefined when there is none. */
  readonly deadLetterTopic: string | undefined;
  /** The DLQ topic's replication factor when the worker creates it; -1 leaves it to the broker. */
  readonly deadLetterReplicationFactor: number;
  /** Whether DLQ records carry the `__connect.errors.*` context headers. */
  readonly deadLetterContextHeaders: boolean;
}

/** How the REST API describes one `errors.*` key (Connect's ConfigKeyInfo fields that matter here). */
export interface ErrorConfigKeyDefinition {
  readonly name: string;
  readonly type: "STRING" | "LONG" | "BOOLEAN" | "SHORT";
  readonly defaultValue: string;
  readonly documentation: string;
}

type Parser<T> = (text: string) => T | undefined;

interface KeySpec<T> extends ErrorConfigKeyDefinition {
  readonly parse: Parser<T>;
  /** What a valid value looks like, for the error message. */
  readonly expected: string;
}

const wholeNumberAtLeast =
  (min: number): Parser<number> =>
  (text) => {
    const trimmed = text.trim();
    if (!/^-?\d+$/.test(trimmed)) return undefined;
    const value = Number(trimmed);
    return value >= min ? value : undefined;
  };

const bool: Parser<boolean> = (text) => {
  const lower = text.trim().toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : undefined;
};

const tolerance: Parser<ErrorTolerance> = (text) => {
  const lower = text.trim().toLowerCase();
  return lower === "none" || lower === "all" ? lower : undefined;
};

const replicationFactor: Parser<number> = (text) => {
  const value = wholeNumberAtLeast(-1)(text);
  return value === 0 || value === undefined || value > Number(0x7fff) ? undefined : value;
};

/** The keys, in Connect's order, with Connect's defaults and documentation in our words. */
const SPECS = {
  tolerance: {
    name: "errors.tolerance",
    type: "STRING",
    defaultValue: "none",
    documentation:
      "What to do with a record that fails in a converter, a transform, the connector's write or the Kafka produce: 'none' fails the task at once; 'all' skips the record (to the dead-letter queue, if one is set).",
    expected: "String must be one of (case insensitive): NONE, ALL",
    parse: tolerance,
  } satisfies KeySpec<ErrorTolerance>,
  retryTimeout: {
    name: "errors.retry.timeout",
    type: "LONG",
    defaultValue: "0",
    documentation:
      "How long, in milliseconds, a failed operation that may succeed later is retried; 0 never retries, -1 retries forever.",
    expected: "Value must be at least -1",
    parse: wholeNumberAtLeast(-1),
  } satisfies KeySpec<number>,
  retryDelayMax: {
    name: "errors.retry.delay.max.ms",
    type: "LONG",
    defaultValue: "60000",
    documentation:
      "The longest wait, in milliseconds, between two retries; the wait grows exponentially with jitter up to it.",
    expected: "Value must be at least 0",
    parse: wholeNumberAtLeast(0),
  } satisfies KeySpec<number>,
  logEnable: {
    name: "errors.log.enable",
    type: "BOOLEAN",
    defaultValue: "false",
    documentation: "Whether to log each failed record's error, stage and position.",
    expected: "Expected value to be either true or false",
    parse: bool,
  } satisfies KeySpec<boolean>,
  logIncludeMessages: {
    name: "errors.log.include.messages",
    type: "BOOLEAN",
    defaultValue: "false",
    documentation:
      "Whether the log of a failed record also holds its key, value and headers. They may hold personal data.",
    expected: "Expected value to be either true or false",
    parse: bool,
  } satisfies KeySpec<boolean>,
  deadLetterTopic: {
    name: "errors.deadletterqueue.topic.name",
    type: "STRING",
    defaultValue: "",
    documentation:
      "The topic that receives the records that failed (with errors.tolerance=all). Unlike Kafka Connect, source connectors may set it too.",
    expected: "",
    parse: (text) => text.trim(),
  } satisfies KeySpec<string>,
  deadLetterReplicationFactor: {
    name: "errors.deadletterqueue.topic.replication.factor",
    type: "SHORT",
    defaultValue: "3",
    documentation:
      "The replication factor of the dead-letter queue topic when the worker creates it, capped to the number of brokers; -1 uses the broker's default.",
    expected: "Value must be -1 or at least 1",
    parse: replicationFactor,
  } satisfies KeySpec<number>,
  deadLetterContextHeaders: {
    name: "errors.deadletterqueue.context.headers.enable",
    type: "BOOLEAN",
    defaultValue: "false",
    documentation:
      "Whether dead-letter records carry __connect.errors.* headers saying where the record came from, which stage failed and why (and the record's trace id).",
    expected: "Expected value to be either true or false",
    parse: bool,
  } satisfies KeySpec<boolean>,
} as const;

/** The `errors.*` keys as the REST API lists them, in Connect's order. */
export const ERROR_CONFIG_KEYS: readonly ErrorConfigKeyDefinition[] = Object.values(SPECS).map(
  ({ name, type, defaultValue, documentation }) => ({ name, type, defaultValue, documentation }),
);

/** Every problem with a config's `errors.*` keys; empty when `errorHandlingConfigFrom` would succeed. */
export function validateErrorHandlingConfig(
  config: Readonly<Record<string, string | undefined>>,
): ErrorConfigIssue[] {
  return parse(config).issues;
}

/** A config's `errors.*` settings, with Connect's defaults. Throws `ErrorHandlingConfigError` on a bad value. */
export function errorHandlingConfigFrom(
  config: Readonly<Record<string, string | undefined>>,
): ErrorHandlingConfig {
  const { settings, issues } = parse(config);
  if (issues.length > 0) throw new ErrorHandlingConfigError(issues);
  return settings;
}

/** An `errors.*` key has a value that cannot be used. Never retriable: the config has to change. */
export class ErrorHandlingConfigError extends MeshError {
  constructor(readonly issues: readonly ErrorConfigIssue[]) {
    super(issues.map((issue) => issue.message).join("; "), { retriable: false });
  }
}

function parse(config: Readonly<Record<string, string | undefined>>): {
  settings: ErrorHandlingConfig;
  issues: ErrorConfigIssue[];
} {
  const issues: ErrorConfigIssue[] = [];
  const read = <T>(spec: KeySpec<T>): T => {
    const fallback = spec.parse(spec.defaultValue) as T;
    const text = config[spec.name];
    if (text === undefined) return fallback;
    const value = spec.parse(text);
    if (value !== undefined) return value;
    issues.push({
      key: spec.name,
      message: `Invalid value ${text} for configuration ${spec.name}: ${spec.expected}`,
    });
    return fallback;
  };
  const deadLetterTopic = read(SPECS.deadLetterTopic);
  const settings: ErrorHandlingConfig = {
    tolerance: read(SPECS.tolerance),
    retryTimeoutMs: read(SPECS.retryTimeout),
    retryDelayMaxMs: read(SPECS.retryDelayMax),
    logEnabled: read(SPECS.logEnable),
    logIncludeMessages: read(SPECS.logIncludeMessages),
    deadLetterTopic: deadLetterTopic === "" ? undefined : deadLetterTopic,
    deadLetterReplicationFactor: read(SPECS.deadLetterReplicationFactor),
    deadLetterContextHeaders: read(SPECS.deadLetterContextHeaders),
  };
  return { settings, issues };
}
