/** pino's levels, which are also the names `/admin/loggers` accepts. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The name of the logger every other one descends from, as in Kafka Connect. */
export const ROOT_LOGGER = "root";

/** A named logger's level as Kafka Connect's `/admin/loggers` shows it. */
export interface LoggerLevel {
  readonly level: LogLevel;
  /** When the level was last set at runtime, in ms since the epoch; null if it never was. */
  readonly last_modified: number | null;
}

/** Anything whose level can be set: a pino logger fits. */
export interface Leveled {
  level: string;
}

/** Whether `text` is one of pino's level names. */
export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}

/**
 * The named loggers of a process and their levels, changeable at runtime the way Kafka Connect's
 * `/admin/loggers` changes log4j's: names form a dotted hierarchy under `root`, and setting a level on a
 * name sets it on that logger and every logger below it (`worker` covers `worker.sink-task`), including
 * ones created later.
 */
export class LogLevels {
  private readonly loggers = new Map<string, { readonly logger: Leveled; lastModified: number | null }>();
  /** Levels set on a name, for the loggers below it that do not exist yet. */
  private readonly namespaceLevels = new Map<string, LogLevel>();

  constructor(
    root: Leveled,
    private readonly now: () => number = Date.now,
  ) {
    this.loggers.set(ROOT_LOGGER, { logger: root, lastModified: null });
  }

  /** Adds a named logger, at the level its closest ancestor was set to at runtime (if any was). */
  register(name: string, logger: Leveled): void {
    const inherited = this.inheritedLevel(name);
    if (inherited !== undefined) logger.level = inherited;
    this.loggers.set(name, { logger, lastModified: null });
  }

  /** Every named logger's level, by name, as `GET /admin/loggers` lists them. */
  list(): Record<string, LoggerLevel> {
    const levels: Record<string, LoggerLevel> = {};
    for (const name of [...this.loggers.keys()].sort()) {
      const level = this.get(name);
      if (level !== undefined) levels[name] = level;
    }
    return levels;
  }

  /** One logger's level, or undefined when no logger has that name (`/admin/loggers/{name}` answers 404). */
  get(name: string): LoggerLevel | undefined {
    const entry = this.loggers.get(name);
    if (entry === undefined) return undefined;
    const level = entry.logger.level;
    return { level: isLogLevel(level) ? level : "info", last_modified: entry.lastModified };
  }

  /**
   * Sets `level` on `name` and every logger below it, and returns the names it changed, sorted (what
   * Kafka Connect's PUT answers). A name no logger has yet still applies to the ones created under it.
   */
  set(name: string, level: LogLevel): string[] {
    const modified = this.now();
    if (name === ROOT_LOGGER) this.namespaceLevels.clear();
    else
      for (const namespace of this.namespaceLevels.keys())
        if (isBelow(namespace, name)) this.namespaceLevels.delete(namespace);
    this.namespaceLevels.set(name, level);
    const changed: string[] = [];
    for (const [loggerName, entry] of this.loggers) {
      if (loggerName !== name && !isBelow(loggerName, name)) continue;
      entry.logger.level = level;
      entry.lastModified = modified;
      changed.push(loggerName);
    }
    return changed.sort();
  }

  private inheritedLevel(name: string): LogLevel | undefined {
    let closest: { readonly depth: number; readonly level: LogLevel } | undefined;
    for (const [namespace, level] of this.namespaceLevels) {
      if (namespace !== name && !isBelow(name, namespace)) continue;
      const depth = namespace === ROOT_LOGGER ? 0 : namespace.split(".").length;
      if (closest === undefined || depth > closest.depth) closest = { depth, level };
    }
    return closest?.level;
  }
}

/** Whether `name` sits below `ancestor` in the dotted hierarchy; everything sits below `root`. */
function isBelow(name: string, ancestor: string): boolean {
  return ancestor === ROOT_LOGGER ? name !== ROOT_LOGGER : name.startsWith(`${ancestor}.`);
}
