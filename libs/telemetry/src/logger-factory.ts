import { NamedLoggers } from "@connect-mesh/logging";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import { type DestinationStream, type Logger, pino } from "pino";
import type { LogLevel } from "./log-level-names.js";
import { REDACTED, secretConfigPaths } from "./secret-redaction.js";

/** pino's logger: what every factory hands out, so services need no pino import of their own. */
export type { Logger };

/** How a service's logs are made. */
export interface LoggerFactoryOptions {
  /** The service's name, on every line as `service` ("worker", "connector-file"). */
  readonly service: string;
  /** This instance's id, on every line as `instance`. */
  readonly instanceId?: string;
  /** The root level; every named logger starts from it. Default "info". */
  readonly level?: LogLevel;
  /** More pino redaction paths to hide on every line (e.g. `headers.authorization`). */
  readonly redactPaths?: readonly string[];
  /** Where lines go; standard output by default (tests pass a stream to read them back). */
  readonly destination?: DestinationStream;
}

/** Whose work a task logger's lines are about, and which of its config keys are secret. */
export interface TaskLoggerBindings {
  readonly connector: string;
  readonly task: number;
  /** Keys whose values are never logged (the plugin's PASSWORD-type or secret keys). */
  readonly secretKeys?: Iterable<string>;
  /** Any more fields for every line (component, plugin). */
  readonly [field: string]: unknown;
}

/**
 * Every service's loggers, made one way: pino JSON lines with the service and instance, `trace_id` and
 * `span_id` whenever a span is active, secrets redacted, and named loggers whose levels can change at
 * runtime (`loggers`, from @connect-mesh/logging, which `/admin/loggers` serves).
 */
export class LoggerFactory {
  /** The root logger (`root` in `loggers`). */
  readonly root: Logger;
  /** The named loggers, with Kafka Connect's runtime levels (`/admin/loggers`). */
  readonly loggers: NamedLoggers;
  private readonly redactPaths: readonly string[];

  constructor(options: LoggerFactoryOptions) {
    this.redactPaths = options.redactPaths ?? [];
    this.root = pino(
      {
        level: options.level ?? "info",
        base: {
          pid: process.pid,
          service: options.service,
          ...(options.instanceId === undefined ? {} : { instance: options.instanceId }),
        },
        mixin: traceIds,
        redact: { paths: [...this.redactPaths], censor: REDACTED },
      },
      options.destination,
    );
    this.loggers = new NamedLoggers(this.root);
  }

  /**
   * The logger named `name` (dotted, e.g. `connector-sdk.sink-task`), made once and shared; its lines say
   * `logger: name`, and its level follows changes to it or to any name above it.
   */
  logger(name: string): Logger {
    return this.loggers.logger(name);
  }

  /**
   * A child of `parent` for one task's work: `connector` and `task` (and any other binding) on every line,
   * and the values of its secret config keys hidden wherever a `config` map is logged. Its level follows
   * its parent's, including changes made later.
   */
  taskLogger(parent: Logger, bindings: TaskLoggerBindings): Logger {
    const { secretKeys, ...fields } = bindings;
    const secretPaths = secretKeys === undefined ? [] : secretConfigPaths(secretKeys);
    if (secretPaths.length === 0) return parent.child(fields);
    // A child's redaction replaces its parent's, so the factory's own paths are repeated here.
    return parent.child(fields, {
      redact: { paths: [...this.redactPaths, ...secretPaths], censor: REDACTED },
    });
  }
}

/** The pino mixin: the active span's ids on the line, when there is one (sampled or not). */
function traceIds(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
