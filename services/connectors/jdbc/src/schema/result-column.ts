/**
 * What a result column holds, reduced from each driver's type codes to the kinds that map onto Kafka
 * Connect's schemas. `timestamp` is a wall-clock time without a zone (MySQL DATETIME, PostgreSQL timestamp),
 * read in `db.timezone`; `zonedTimestamp` names an instant (MySQL TIMESTAMP, PostgreSQL timestamptz).
 */
export type ColumnKind =
  | "boolean"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "float32"
  | "float64"
  | "decimal"
  | "string"
  | "bytes"
  | "date"
  | "time"
  | "timestamp"
  | "zonedTimestamp"
  | "unsupported";

/** One column of a query's result, as the source maps it. */
export interface ResultColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Digits after the point, for `decimal`. */
  readonly scale: number;
  /** The database's own name for the type, for messages and schema parameters. */
  readonly sqlType: string;
}

/** One column of a table, as the catalog (information_schema) describes it. */
export interface TableColumn {
  readonly name: string;
  readonly isNullable: boolean;
  /** MySQL AUTO_INCREMENT, or a PostgreSQL serial or identity column. */
  readonly isAutoIncrement: boolean;
  /** Part of the table's primary key. */
  readonly isPrimaryKey: boolean;
  /** The catalog's data type, e.g. "varchar", "timestamp without time zone". */
  readonly dataType: string;
}
