import type { ColumnKind, ResultColumn } from "../schema/result-column.js";

// MySQL protocol column types (include/mysql_com.h, enum_field_types) and flags.
const MYSQL_TYPES: Readonly<Record<number, string>> = {
  0: "DECIMAL",
  1: "TINYINT",
  2: "SMALLINT",
  3: "INT",
  4: "FLOAT",
  5: "DOUBLE",
  6: "NULL",
  7: "TIMESTAMP",
  8: "BIGINT",
  9: "MEDIUMINT",
  10: "DATE",
  11: "TIME",
  12: "DATETIME",
  13: "YEAR",
  14: "DATE",
  15: "VARCHAR",
  16: "BIT",
  245: "JSON",
  246: "DECIMAL",
  247: "ENUM",
  248: "SET",
  249: "TINYBLOB",
  250: "MEDIUMBLOB",
  251: "LONGBLOB",
  252: "BLOB",
  253: "VARCHAR",
  254: "CHAR",
  255: "GEOMETRY",
};
const MYSQL_UNSIGNED_FLAG = 32;
/** The character set number MySQL gives binary strings and BLOBs. */
const MYSQL_BINARY_CHARSET = 63;

/** What mysql2 says of a result column. */
export interface MysqlField {
  readonly name: string;
  readonly columnType?: number;
  readonly flags: number | string[];
  readonly decimals: number;
  readonly columnLength?: number;
  readonly characterSet?: number;
}

/**
 * A MySQL/MariaDB result column's kind, as Confluent's connector maps the driver's JDBC types: TINYINT(1)
 * and BIT(1) are booleans, unsigned integers widen to the next type (BIGINT UNSIGNED to a Decimal), binary
 * strings and BLOBs are bytes, TEXT is a string.
 */
export function mysqlColumn(field: MysqlField): ResultColumn {
  const code = field.columnType ?? -1;
  const isUnsigned = typeof field.flags === "number" && (field.flags & MYSQL_UNSIGNED_FLAG) !== 0;
  const isBinary = field.characterSet === MYSQL_BINARY_CHARSET;
  const sqlType = `${MYSQL_TYPES[code] ?? `type ${code}`}${isUnsigned ? " UNSIGNED" : ""}`;
  const column = (kind: ColumnKind, scale = 0): ResultColumn => ({ name: field.name, kind, scale, sqlType });
  switch (code) {
    case 1:
      return field.columnLength === 1 ? column("boolean") : column(isUnsigned ? "int16" : "int8");
    case 2:
      return column(isUnsigned ? "int32" : "int16");
    case 9:
    case 13:
      return column("int32");
    case 3:
      return column(isUnsigned ? "int64" : "int32");
    case 8:
      return isUnsigned ? column("decimal", 0) : column("int64");
    case 4:
      return column("float32");
    case 5:
      return column("float64");
    case 0:
    case 246:
      return column("decimal", field.decimals);
    case 10:
    case 14:
      return column("date");
    case 11:
      return column("time");
    case 12:
      return column("timestamp");
    case 7:
      return column("zonedTimestamp");
    case 16:
      return field.columnLength === 1 ? column("boolean") : column("bytes");
    case 245:
    case 247:
    case 248:
      return column("string");
    case 15:
    case 249:
    case 250:
    case 251:
    case 252:
    case 253:
    case 254:
      return column(isBinary ? "bytes" : "string");
    default:
      return column("unsupported");
  }
}

// PostgreSQL type OIDs (pg_type.dat).
const POSTGRES_TYPES: Readonly<Record<number, { readonly kind: ColumnKind; readonly sqlType: string }>> = {
  16: { kind: "boolean", sqlType: "boolean" },
  17: { kind: "bytes", sqlType: "bytea" },
  18: { kind: "string", sqlType: "char" },
  19: { kind: "string", sqlType: "name" },
  20: { kind: "int64", sqlType: "bigint" },
  21: { kind: "int16", sqlType: "smallint" },
  23: { kind: "int32", sqlType: "integer" },
  25: { kind: "string", sqlType: "text" },
  26: { kind: "int64", sqlType: "oid" },
  114: { kind: "string", sqlType: "json" },
  142: { kind: "string", sqlType: "xml" },
  700: { kind: "float32", sqlType: "real" },
  701: { kind: "float64", sqlType: "double precision" },
  1042: { kind: "string", sqlType: "character" },
  1043: { kind: "string", sqlType: "character varying" },
  1082: { kind: "date", sqlType: "date" },
  1083: { kind: "time", sqlType: "time" },
  1114: { kind: "timestamp", sqlType: "timestamp" },
  1184: { kind: "zonedTimestamp", sqlType: "timestamptz" },
  1700: { kind: "decimal", sqlType: "numeric" },
  2950: { kind: "string", sqlType: "uuid" },
  3802: { kind: "string", sqlType: "jsonb" },
};

/** The type OIDs whose text the source reads itself, so no precision is lost to a JavaScript Date or number. */
export const POSTGRES_TEXT_OIDS: ReadonlySet<number> = new Set([114, 1082, 1083, 1114, 1184, 3802]);

/**
 * A PostgreSQL result column's kind. A numeric with a declared scale is a Decimal of that scale; an
 * unconstrained numeric has no fixed scale for a Connect Decimal, so it is carried as its exact text
 * (Confluent's connector would round it to scale 0).
 */
export function postgresColumn(field: {
  readonly name: string;
  readonly dataTypeID: number;
  readonly dataTypeModifier: number;
}): ResultColumn {
  const known = POSTGRES_TYPES[field.dataTypeID];
  if (known === undefined) {
    return { name: field.name, kind: "unsupported", scale: 0, sqlType: `type oid ${field.dataTypeID}` };
  }
  if (known.kind === "decimal") {
    // A numeric's type modifier is ((precision << 16) | scale) + 4, or -1 when unconstrained.
    if (field.dataTypeModifier < 0) return { name: field.name, kind: "string", scale: 0, sqlType: "numeric" };
    const scale = (field.dataTypeModifier - 4) & 0xffff;
    return {
      name: field.name,
      kind: "decimal",
      scale,
      sqlType: `numeric(${(field.dataTypeModifier - 4) >> 16},${scale})`,
    };
  }
  return { name: field.name, kind: known.kind, scale: 0, sqlType: known.sqlType };
}
