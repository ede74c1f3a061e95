/** Named pino loggers with Kafka Connect's run-time levels, for one process or, through etcd, the whole cluster. */
export type {
  ClusterLoggerLevels,
  FollowClusterLoggerLevelsOptions,
  LoggerLevelChange,
} from "./follow-cluster-logger-levels.js";
export { followClusterLoggerLevels } from "./follow-cluster-logger-levels.js";
export type { LogLevel } from "./log-level.js";
export { LOG_LEVELS, logLevelOf, parseLogLevel, pinoLevelOf } from "./log-level.js";
export type { LoggerLevel } from "./named-loggers.js";
export { NamedLoggers, ROOT_LOGGER } from "./named-loggers.js";
