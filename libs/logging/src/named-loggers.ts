import type { Logger } from "pino";
import { type LogLevel, logLevelOf, pinoLevelOf } from "./log-level.js";

/** The name Kafka Connect gives the root logger. */
export const ROOT_LOGGER = "root";

/** A logger's level as `GET /admin/loggers` shows it. */
export interface LoggerLevel {
  readonly level: LogLevel;
  /** When the level was last set through `setLevel` (epoch ms); undefined while it is the configured one. */
  readonly lastModifiedMs: number | undefined;
}

/**
 * A process's loggers by name, with Kafka Connect's dynamic levels (KIP-495) on top of pino. Names are
 * dotted namespaces, as log4j's: `coordinator.rest` is a child of `coordinator`, and `root` is the parent of
 * all. A logger is a pino child of its nearest existing ancestor, so it follows that ancestor's level until
 * it is given its own; setting a namespace's level sets it on every logger in the namespace, as Connect does.
 */
export class NamedLoggers {
  private readonly loggers = new Map<string, Logger>();
  private readonly lastModifiedMs = new Map<string, number>();

  constructor(
    root: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.loggers.set(ROOT_LOGGER, root);
  }

  /** The logger named `name` (e.g. `worker.sink-task`), created on first use; `root` is the root logger. */
  logger(name: string): Logger {
    const key = loggerKey(name);
    const existing = this.loggers.get(key);
    if (existing) return existing;
    const created = this.parentOf(key).child({ logger: key });
    this.loggers.set(key, created);
    return created;
  }

  /** The level of a logger that exists (its own, or the one it follows), or undefined. */
  level(name: string): LoggerLevel | undefined {
    const key = loggerKey(name);
    const logger = this.loggers.get(key);
    if (!logger) return undefined;
    return { level: logLevelOf(logger.level), lastModifiedMs: this.lastModifiedMs.get(key) };
  }

  /** Every logger's level by name, in name order; loggers that are OFF are left out, as Connect does. */
  levels(): Map<string, LoggerLevel> {
    const levels = new Map<string, LoggerLevel>();
    for (const name of [...this.loggers.keys()].sort()) {
      const level = this.level(name);
      if (level && level.level !== "OFF") levels.set(name, level);
    }
    return levels;
  }

  /**
   * Sets `level` on the logger `namespace` (creating it if need be) and on every logger under it; `root`
   * means all of them. Returns the names of the loggers whose level changed, sorted, as Connect does.
   */
  setLevel(namespace: string, level: LogLevel): string[] {
    const key = loggerKey(namespace);
    const isCreated = !this.loggers.has(key);
    this.logger(key);
    const changed: string[] = [];
    for (const [name, logger] of this.loggers) {
      if (!isInNamespace(name, key)) continue;
      const before = logLevelOf(logger.level);
      logger.level = pinoLevelOf(level);
      if (before !== level || (isCreated && name === key)) {
        this.lastModifiedMs.set(name, this.now());
        changed.push(name);
      }
    }
    changed.sort();
    this.root().info({ namespace: key, level, changed }, "logger levels changed");
    return changed;
  }

  private root(): Logger {
    return this.logger(ROOT_LOGGER);
  }

  /** The nearest existing ancestor: `a.b` for `a.b.c` if it exists, else `a`, else the root. */
  private parentOf(name: string): Logger {
    for (let end = name.lastIndexOf("."); end > 0; end = name.lastIndexOf(".", end - 1)) {
      const ancestor = this.loggers.get(name.slice(0, end));
      if (ancestor) return ancestor;
    }
    return this.root();
  }
}

/** Connect takes "root" in any case for the root logger. */
function loggerKey(name: string): string {
  return name.toLowerCase() === ROOT_LOGGER ? ROOT_LOGGER : name;
}

function isInNamespace(name: string, namespace: string): boolean {
  return namespace === ROOT_LOGGER || name === namespace || name.startsWith(`${namespace}.`);
}
