import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { NullValue, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import {
  instantToWallClock,
  parseDateDays,
  parseMicros,
  parseTimeMs,
  wallClockToInstant,
} from "../connection/micros-text.js";
import type { ColumnKind, ResultColumn } from "./result-column.js";

const PHYSICAL: Readonly<Partial<Record<ColumnKind, SchemaType>>> = {
  boolean: SchemaType.SCHEMA_TYPE_BOOLEAN,
  int8: SchemaType.SCHEMA_TYPE_INT8,
  int16: SchemaType.SCHEMA_TYPE_INT16,
  int32: SchemaType.SCHEMA_TYPE_INT32,
  int64: SchemaType.SCHEMA_TYPE_INT64,
  float32: SchemaType.SCHEMA_TYPE_FLOAT32,
  float64: SchemaType.SCHEMA_TYPE_FLOAT64,
  string: SchemaType.SCHEMA_TYPE_STRING,
  bytes: SchemaType.SCHEMA_TYPE_BYTES,
};

const NULL: Value = { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };

/**
 * A column's Connect schema, as Confluent's connector gives it: DECIMAL is a Decimal of the column's scale,
 * DATE a Date, TIME a Time, DATETIME and TIMESTAMP a Timestamp; a nullable column is optional.
 */
export function columnSchema(column: ResultColumn, optional: boolean): Schema {
  switch (column.kind) {
    case "decimal":
      return LogicalDecimal.schema(column.scale, { optional });
    case "date":
      return LogicalDate.schema({ optional });
    case "time":
      return LogicalTime.schema({ optional });
    case "timestamp":
    case "zonedTimestamp":
      return LogicalTimestamp.schema({ optional });
    case "unsupported":
      throw new FatalError(`column "${column.name}" has the unsupported type ${column.sqlType}`);
    default:
      return Schema.fromPartial({ type: PHYSICAL[column.kind], optional });
  }
}

/** How the source reads one column's driver value into a Connect value. */
export type ColumnReader = (raw: unknown) => Value;

/**
 * The reader for a column. Drivers hand over exact text for dates, times, BIGINT and DECIMAL (see the
 * database classes), so nothing is rounded on the way; `zone` is db.timezone, in which wall-clock
 * timestamps are read.
 */
export function columnReader(column: ResultColumn, zone: string): ColumnReader {
  const read = nonNullReader(column, zone);
  return (raw) => (raw === null || raw === undefined ? NULL : read(raw));
}

function nonNullReader(column: ResultColumn, zone: string): ColumnReader {
  switch (column.kind) {
    case "boolean":
      return (raw) => ({ kind: { $case: "boolValue", value: toBoolean(raw) } });
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return (raw) => ({ kind: { $case: "intValue", value: BigInt(raw as string | number | bigint) } });
    case "float32":
    case "float64":
      return (raw) => ({ kind: { $case: "floatValue", value: Number(raw) } });
    case "decimal":
      return (raw) => LogicalDecimal.toValue(String(raw), column.scale);
    case "string":
      return (raw) => ({
        kind: { $case: "stringValue", value: Buffer.isBuffer(raw) ? raw.toString("utf8") : String(raw) },
      });
    case "bytes":
      return (raw) => ({
        kind: { $case: "bytesValue", value: Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)) },
      });
    case "date":
      return (raw) => ({ kind: { $case: "intValue", value: BigInt(parseDateDays(String(raw))) } });
    case "time":
      return (raw) => ({ kind: { $case: "intValue", value: BigInt(parseTimeMs(String(raw))) } });
    case "timestamp":
      return (raw) => millisValue(wallClockToInstant(parseMicros(String(raw)), zone));
    case "zonedTimestamp":
      return (raw) => millisValue(parseMicros(String(raw)));
    case "unsupported":
      throw new FatalError(`column "${column.name}" has the unsupported type ${column.sqlType}`);
  }
}

/**
 * The instant, in microseconds since the epoch, that a timestamp column's driver value names: what the
 * source's timestamp offsets hold.
 */
export function timestampMicros(column: ResultColumn, raw: unknown, zone: string): bigint {
  const micros = parseMicros(String(raw));
  return column.kind === "timestamp" ? wallClockToInstant(micros, zone) : micros;
}

/** The driver text a timestamp column compares with, for an instant: the inverse of `timestampMicros`. */
export function timestampParameterMicros(kind: ColumnKind, instantMicros: bigint, zone: string): bigint {
  return kind === "timestamp" ? instantToWallClock(instantMicros, zone) : instantMicros;
}

function millisValue(micros: bigint): Value {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return LogicalTimestamp.toValue(new Date(Number(ms)));
}

function toBoolean(raw: unknown): boolean {
  if (Buffer.isBuffer(raw)) return raw.some((byte) => byte !== 0);
  return raw === true || raw === 1 || raw === "1" || raw === "t" || raw === "true";
}
