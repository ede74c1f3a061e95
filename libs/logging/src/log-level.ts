import type { LevelWithSilent } from "pino";

/** Kafka Connect's (log4j's) level names, from the quietest to the most verbose. */
export const LOG_LEVELS = ["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"] as const;

/** One of Kafka Connect's level names. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Connect's level for a name in any case ("debug", "Debug"), or undefined when there is none of that name. */
export function parseLogLevel(text: string): LogLevel | undefined {
  const upper = text.toUpperCase();
  return LOG_LEVELS.find((level) => level === upper);
}

/** The pino level for a Connect level: the same names in lower case, and OFF is pino's "silent". */
export function pinoLevelOf(level: LogLevel): LevelWithSilent {
  return level === "OFF" ? "silent" : (level.toLowerCase() as Lowercase<Exclude<LogLevel, "OFF">>);
}

/** The Connect level for a pino level label; a custom pino level, which we never configure, reads as INFO. */
export function logLevelOf(pinoLevel: string): LogLevel {
  return pinoLevel === "silent" ? "OFF" : (parseLogLevel(pinoLevel) ?? "INFO");
}
