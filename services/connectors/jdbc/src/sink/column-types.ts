import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { type Schema, SchemaType } from "@connect-mesh/proto";
import type { DialectName } from "../connection/jdbc-url.js";
import { schemaTypeName } from "./schema-type-name.js";

/** The precision a DECIMAL column gets when the schema names none: each database's largest. */
const MAX_PRECISION: Readonly<Record<DialectName, number>> = { mysql: 65, postgres: 1000 };

/** The parameter Confluent's connectors (and Debezium) put on a Decimal schema to carry its precision. */
const PRECISION_PARAMETER = "connect.decimal.precision";

type PhysicalTypes = Readonly<Partial<Record<SchemaType, string>>>;

const MYSQL_TYPES: PhysicalTypes = {
  [SchemaType.SCHEMA_TYPE_INT8]: "TINYINT",
  [SchemaType.SCHEMA_TYPE_INT16]: "SMALLINT",
  [SchemaType.SCHEMA_TYPE_INT32]: "INT",
  [SchemaType.SCHEMA_TYPE_INT64]: "BIGINT",
  [SchemaType.SCHEMA_TYPE_FLOAT32]: "FLOAT",
  [SchemaType.SCHEMA_TYPE_FLOAT64]: "DOUBLE",
  // TINYINT(1) is what the source (and MySQL's drivers) read back as a boolean.
  [SchemaType.SCHEMA_TYPE_BOOLEAN]: "TINYINT(1)",
  [SchemaType.SCHEMA_TYPE_STRING]: "TEXT",
  [SchemaType.SCHEMA_TYPE_BYTES]: "BLOB",
};

// MySQL cannot index a TEXT or BLOB column without a prefix length, so a key column gets a bounded type.
const MYSQL_KEY_TYPES: PhysicalTypes = {
  [SchemaType.SCHEMA_TYPE_STRING]: "VARCHAR(256)",
  [SchemaType.SCHEMA_TYPE_BYTES]: "VARBINARY(256)",
};

const POSTGRES_TYPES: PhysicalTypes = {
  [SchemaType.SCHEMA_TYPE_INT8]: "SMALLINT",
  [SchemaType.SCHEMA_TYPE_INT16]: "SMALLINT",
  [SchemaType.SCHEMA_TYPE_INT32]: "INTEGER",
  [SchemaType.SCHEMA_TYPE_INT64]: "BIGINT",
  [SchemaType.SCHEMA_TYPE_FLOAT32]: "REAL",
  [SchemaType.SCHEMA_TYPE_FLOAT64]: "DOUBLE PRECISION",
  [SchemaType.SCHEMA_TYPE_BOOLEAN]: "BOOLEAN",
  [SchemaType.SCHEMA_TYPE_STRING]: "TEXT",
  [SchemaType.SCHEMA_TYPE_BYTES]: "BYTEA",
};

/**
 * The SQL type `auto.create` and `auto.evolve` give a field's column, as Confluent's dialects choose it, so
 * that the source reads the column back with the same schema: a Decimal is DECIMAL/NUMERIC of its scale
 * (with the precision of its `connect.decimal.precision` parameter, else the database's largest), a
 * Timestamp a wall-clock DATETIME(3)/TIMESTAMP (written in db.timezone), a Time TIME(3)/TIME. Throws a
 * FatalError for a type no column holds (ARRAY, MAP, STRUCT).
 */
export function columnType(schema: Schema, dialect: DialectName, isKey: boolean): string {
  const isMysql = dialect === "mysql";
  switch (schema.name) {
    case LogicalDecimal.name:
      return `${isMysql ? "DECIMAL" : "NUMERIC"}(${decimalPrecision(schema, dialect)},${LogicalDecimal.scaleOf(schema)})`;
    case LogicalDate.name:
      return "DATE";
    case LogicalTime.name:
      return isMysql ? "TIME(3)" : "TIME";
    case LogicalTimestamp.name:
      return isMysql ? "DATETIME(3)" : "TIMESTAMP";
  }
  const type =
    (isMysql && isKey ? MYSQL_KEY_TYPES[schema.type] : undefined) ??
    (isMysql ? MYSQL_TYPES : POSTGRES_TYPES)[schema.type];
  if (type === undefined) {
    throw new FatalError(
      `a ${schemaTypeName(schema)} has no SQL column type; flatten it (the Flatten transform), or leave the ` +
        "field out with fields.whitelist",
    );
  }
  return type;
}

/** Whether MySQL refuses a plain literal DEFAULT for the type, and wants it as an expression in parentheses. */
export function needsDefaultExpression(sqlType: string, dialect: DialectName): boolean {
  return dialect === "mysql" && (sqlType === "TEXT" || sqlType === "BLOB");
}

function decimalPrecision(schema: Schema, dialect: DialectName): number {
  const given = Number(schema.parameters[PRECISION_PARAMETER]);
  const scale = LogicalDecimal.scaleOf(schema);
  // A precision below the scale is not a DECIMAL either database accepts; the largest one keeps every value.
  return Number.isInteger(given) && given >= Math.max(1, scale) ? given : MAX_PRECISION[dialect];
}
