import { type AnyConfigKey, validators } from "@connect-mesh/connector-sdk";

/**
 * The connection keys Confluent's JDBC source and sink share, spread into each connector's own config.
 * The credentials may come from the URL (`?user=root`) or from `connection.user` / `connection.password`;
 * the keys win where both are given.
 */
export const CONNECTION_KEYS = {
  "connection.url": {
    type: "string",
    importance: "high",
    group: "Database",
    displayName: "JDBC URL",
    documentation:
      "JDBC connection URL: jdbc:mysql://host:3306/db, jdbc:mariadb://host:3306/db or " +
      "jdbc:postgresql://host:5432/db, optionally with ?user=...&password=... (prefer connection.password: " +
      "the URL is not a secret, so Validate and the REST API show it as given).",
    // No pattern rule: a value that breaks one is echoed whole in the message, password and all. The
    // plugins' own checks read the URL and report it without its password.
    validators: [validators.nonEmpty()],
  },
  "connection.user": {
    type: "string",
    default: null,
    importance: "high",
    group: "Database",
    displayName: "JDBC User",
    documentation: "JDBC connection user; overrides a user given in the URL.",
  },
  "connection.password": {
    type: "password",
    default: null,
    importance: "high",
    group: "Database",
    displayName: "JDBC Password",
    documentation:
      "JDBC connection password; overrides a password given in the URL. A PASSWORD key: Validate answers " +
      "and task logs show it as [hidden].",
  },
  "connection.attempts": {
    type: "int",
    default: 3,
    importance: "low",
    group: "Database",
    documentation:
      "How many times to try to connect before the task reports the database unreachable (and the worker " +
      "restarts it with backoff).",
    validators: [validators.range({ min: 1 })],
  },
  "connection.backoff.ms": {
    type: "long",
    default: 10_000n,
    importance: "low",
    group: "Database",
    documentation: "Milliseconds to wait between connection attempts.",
    validators: [validators.range({ min: 0 })],
  },
  "db.timezone": {
    type: "string",
    default: "UTC",
    importance: "medium",
    group: "Database",
    displayName: "DB time zone",
    documentation:
      "The IANA time zone (e.g. Europe/Paris) in which columns without a zone (MySQL DATETIME, " +
      "PostgreSQL timestamp) hold their wall-clock times.",
    validators: [validators.nonEmpty()],
  },
} as const satisfies Readonly<Record<string, AnyConfigKey>>;

/** The parsed connection keys, as both connectors' parsed configs carry them. */
export interface ConnectionConfig {
  readonly connectionUrl: string;
  readonly connectionUser: string | undefined;
  readonly connectionPassword: string | undefined;
  readonly connectionAttempts: number;
  readonly connectionBackoffMs: bigint;
  readonly dbTimezone: string;
}
