/** pino's level names: what a service's `CONNECT_MESH_LOG_LEVEL` and `LoggerFactory`'s `level` take. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether `text` is one of pino's level names. */
export function isLogLevel(text: string): text is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(text);
}
