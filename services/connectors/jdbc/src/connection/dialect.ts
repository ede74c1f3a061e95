import type { DialectName } from "./jdbc-url.js";
import type { TableName } from "./table-name.js";

/** How one database family spells the parts of SQL that differ: quoted names and parameters. */
export interface Dialect {
  readonly name: DialectName;
  /** A quoted identifier, safe for any name the catalog can hold. */
  quote(identifier: string): string;
  /** A table's qualified, quoted name. */
  qualified(table: TableName): string;
  /** The parameter marker for the `position`th parameter, from 1. */
  placeholder(position: number): string;
}

/** MySQL and MariaDB: back-quoted names, `?` parameters. */
export const MYSQL_DIALECT: Dialect = {
  name: "mysql",
  quote: (identifier) => `\`${identifier.replaceAll("`", "``")}\``,
  qualified(table) {
    return `${this.quote(table.schema)}.${this.quote(table.name)}`;
  },
  placeholder: () => "?",
};

/** PostgreSQL: double-quoted names, `$n` parameters. */
export const POSTGRES_DIALECT: Dialect = {
  name: "postgres",
  quote: (identifier) => `"${identifier.replaceAll('"', '""')}"`,
  qualified(table) {
    return `${this.quote(table.schema)}.${this.quote(table.name)}`;
  },
  placeholder: (position) => `$${position}`,
};
