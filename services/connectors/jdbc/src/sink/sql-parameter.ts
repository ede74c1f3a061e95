import {
  FatalError,
  LogicalDate,
  LogicalDecimal,
  LogicalTime,
  LogicalTimestamp,
} from "@connect-mesh/connector-sdk";
import { SchemaType, type Value } from "@connect-mesh/proto";
import { formatMicros, instantToWallClock } from "../connection/micros-text.js";
import { isNull, type SinkField } from "./record-fields.js";
import { schemaTypeName } from "./schema-type-name.js";

/** A statement parameter both drivers take as it is: exact text for BIGINT, DECIMAL, dates and times. */
export type SqlValue = string | number | boolean | Buffer | null;

/** What a parameter needs to know of the column it goes into. */
export interface ColumnTarget {
  /**
   * The column holds instants (MySQL TIMESTAMP, PostgreSQL timestamptz), which both connections read in UTC;
   * otherwise a Timestamp is written as its wall-clock time in `zone`.
   */
  readonly holdsInstants: boolean;
  /** db.timezone. */
  readonly zone: string;
}

const MS_PER_DAY = 86_400_000;

/**
 * Whether a catalog data type (information_schema.columns.data_type) names a column of instants rather than
 * of wall-clock times: MySQL's TIMESTAMP and PostgreSQL's timestamp with time zone.
 */
export function holdsInstants(dataType: string): boolean {
  return dataType === "timestamp" || dataType === "timestamp with time zone";
}

/**
 * A field's value as a statement parameter: the reverse of the source's column reader, so that a row read
 * from one database and written to another keeps its values. A null takes the field's default, as Connect's
 * Struct.get does. Integers up to 32 bits are numbers and INT64 is its exact text; a Decimal is its exact
 * text; a Date is "YYYY-MM-DD" and a Time "HH:MM:SS.fff"; a Timestamp is UTC text for a column of instants
 * and the wall-clock time in db.timezone for any other (MySQL DATETIME, PostgreSQL timestamp), as the source
 * reads them. Throws a FatalError naming the field for a value that does not fit its schema, or a type no
 * column holds (ARRAY, MAP, STRUCT).
 */
export function sqlParameter(field: SinkField, value: Value | undefined, target: ColumnTarget): SqlValue {
  const given = isNull(value) ? field.schema.defaultValue : value;
  if (given === undefined || isNull(given)) return null;
  try {
    return nonNullParameter(field, given, target);
  } catch (error) {
    if (error instanceof FatalError) throw error;
    throw new FatalError(`field "${field.name}" cannot be written: ${messageOf(error)}`, { cause: error });
  }
}

function nonNullParameter(field: SinkField, value: Value, target: ColumnTarget): SqlValue {
  const { schema } = field;
  switch (schema.name) {
    case LogicalDecimal.name:
      return LogicalDecimal.fromValue(value, schema);
    case LogicalDate.name:
      return dateText(LogicalDate.fromValue(value).getTime());
    case LogicalTime.name:
      return timeText(field, LogicalTime.fromValue(value).getTime());
    case LogicalTimestamp.name: {
      const micros = BigInt(LogicalTimestamp.fromValue(value).getTime()) * 1000n;
      return formatMicros(target.holdsInstants ? micros : instantToWallClock(micros, target.zone));
    }
  }
  const kind = value.kind;
  switch (schema.type) {
    case SchemaType.SCHEMA_TYPE_INT8:
    case SchemaType.SCHEMA_TYPE_INT16:
    case SchemaType.SCHEMA_TYPE_INT32:
      if (kind?.$case === "intValue") return Number(kind.value);
      break;
    case SchemaType.SCHEMA_TYPE_INT64:
      if (kind?.$case === "intValue") return kind.value.toString();
      break;
    case SchemaType.SCHEMA_TYPE_FLOAT32:
    case SchemaType.SCHEMA_TYPE_FLOAT64:
      if (kind?.$case === "floatValue") return kind.value;
      if (kind?.$case === "intValue") return Number(kind.value);
      break;
    case SchemaType.SCHEMA_TYPE_BOOLEAN:
      if (kind?.$case === "boolValue") return kind.value;
      break;
    case SchemaType.SCHEMA_TYPE_STRING:
      if (kind?.$case === "stringValue") return kind.value;
      break;
    case SchemaType.SCHEMA_TYPE_BYTES:
      if (kind?.$case === "bytesValue") return Buffer.from(kind.value);
      break;
    default:
      throw new FatalError(
        `field "${field.name}" is ${schemaTypeName(schema)}, which no column holds; flatten it (the Flatten ` +
          "transform), or leave it out with fields.whitelist",
      );
  }
  throw new FatalError(
    `field "${field.name}" has the schema ${schemaTypeName(schema)} but its value is ${kind?.$case ?? "null"}; ` +
      "check the producer and converter",
  );
}

/** "YYYY-MM-DD" of the UTC day at `ms`, as both databases read a DATE. */
function dateText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf("T"));
}

/** "HH:MM:SS.fff" of a time of day given in milliseconds since midnight. */
function timeText(field: SinkField, ms: number): string {
  if (ms < 0 || ms >= MS_PER_DAY) {
    throw new FatalError(
      `field "${field.name}" is a Time of ${ms} ms, outside a day (0 to ${MS_PER_DAY - 1}); check the producer`,
    );
  }
  return new Date(ms).toISOString().slice(11, 23);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
