import { FatalError } from "@connect-mesh/connector-sdk";

/** The database families the connectors speak to; MariaDB speaks MySQL's protocol. */
export type DialectName = "mysql" | "postgres";

/** What a `jdbc:` URL names: where the database is, and the credentials it may carry. */
export interface DatabaseAddress {
  readonly dialect: DialectName;
  readonly host: string;
  readonly port: number;
  /** The database (MySQL: the schema) to use; undefined when the URL names none. */
  readonly database: string | undefined;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** PostgreSQL's `currentSchema` URL property: the schema unqualified names resolve in. */
  readonly currentSchema: string | undefined;
}

const SCHEMES: Readonly<Record<string, { dialect: DialectName; port: number }>> = {
  mysql: { dialect: "mysql", port: 3306 },
  mariadb: { dialect: "mysql", port: 3306 },
  postgresql: { dialect: "postgres", port: 5432 },
};

/** The URL forms accepted, for error messages. */
export const SUPPORTED_URLS = "jdbc:mysql://, jdbc:mariadb:// or jdbc:postgresql://";

/**
 * Reads a JDBC connection URL as Confluent's connector users write it:
 * `jdbc:mysql://localhost:3306/test?user=root`, `jdbc:mariadb://db/test`,
 * `jdbc:postgresql://localhost:5432/shop?user=postgres&password=secret`, or PostgreSQL's short forms
 * `jdbc:postgresql:shop` and `jdbc:postgresql:/`. Of the driver properties, `user`, `password` and
 * PostgreSQL's `currentSchema` are read; the others are ignored, and so is every host of a failover list
 * but the first. Throws a FatalError that shows the URL without its password.
 */
export function parseJdbcUrl(url: string): DatabaseAddress {
  const match = /^jdbc:([a-z]+):(.*)$/i.exec(url.trim());
  const scheme = match === null ? undefined : SCHEMES[match[1]?.toLowerCase() ?? ""];
  if (match === null || scheme === undefined) {
    throw new FatalError(
      `connection.url ${redactUrl(url)} is not a supported JDBC URL; use ${SUPPORTED_URLS}`,
    );
  }
  const rest = match[2] ?? "";
  // PostgreSQL's driver accepts a URL without "//": the database alone, on localhost.
  const withHosts = rest.startsWith("//") ? rest : `//localhost/${rest.replace(/^\//, "")}`;
  // A failover list ("//a:3306,b:3306/db") keeps its first host.
  const withHost = withHosts.replace(/^\/\/([^/?,]*),[^/?]*/, "//$1");
  let parsed: URL;
  try {
    parsed = new URL(`http:${withHost}`);
  } catch (error) {
    throw new FatalError(`connection.url ${redactUrl(url)} cannot be read as a URL: ${String(error)}`, {
      cause: error,
    });
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return {
    dialect: scheme.dialect,
    host: parsed.hostname === "" ? "localhost" : parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port === "" ? scheme.port : Number(parsed.port),
    database: database === "" ? undefined : database,
    user:
      parsed.searchParams.get("user") ??
      (parsed.username === "" ? undefined : decodeURIComponent(parsed.username)),
    password:
      parsed.searchParams.get("password") ??
      (parsed.password === "" ? undefined : decodeURIComponent(parsed.password)),
    currentSchema: parsed.searchParams.get("currentSchema") ?? undefined,
  };
}

/** The URL with any password it carries replaced by `[hidden]`, fit for messages and logs. */
export function redactUrl(url: string): string {
  return url
    .replace(/([?&;]password=)[^&;]*/gi, "$1[hidden]")
    .replace(/(\/\/[^/:@]*:)[^@/]*@/, "$1[hidden]@");
}
