import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { DataError } from "./data-error.js";

const MS_PER_DAY = 86_400_000;

/** Connect's Date logical type: INT32 days since 1970-01-01 UTC. The time of day must be zero, as in Connect. */
export const LogicalDate = {
  name: "org.apache.kafka.connect.data.Date",

  /** The schema of a Date. */
  schema(options: { optional?: boolean } = {}): Schema {
    return temporalSchema(SchemaType.SCHEMA_TYPE_INT32, LogicalDate.name, options);
  },

  /** Encodes a date at midnight UTC. */
  toValue(date: Date): Value {
    const ms = validTime(date);
    if (ms % MS_PER_DAY !== 0) {
      throw new DataError(`a Date must be at midnight UTC, but ${date.toISOString()} has a time of day`);
    }
    return intValue(ms / MS_PER_DAY);
  },

  /** Decodes a Date value to midnight UTC of its day. */
  fromValue(value: Value): Date {
    return new Date(intOf(value, LogicalDate.name) * MS_PER_DAY);
  },
} as const;

/** Connect's Time logical type: INT32 milliseconds since midnight UTC, on 1970-01-01 as in Connect. */
export const LogicalTime = {
  name: "org.apache.kafka.connect.data.Time",

  /** The schema of a Time. */
  schema(options: { optional?: boolean } = {}): Schema {
    return temporalSchema(SchemaType.SCHEMA_TYPE_INT32, LogicalTime.name, options);
  },

  /** Encodes a time of day given as a Date on 1970-01-01 UTC. */
  toValue(time: Date): Value {
    const ms = validTime(time);
    if (ms < 0 || ms >= MS_PER_DAY) {
      throw new DataError(
        `a Time must fall on 1970-01-01 UTC (only the time of day counts), not ${time.toISOString()}`,
      );
    }
    return intValue(ms);
  },

  /** Decodes a Time value to that time of day on 1970-01-01 UTC. */
  fromValue(value: Value): Date {
    return new Date(intOf(value, LogicalTime.name));
  },
} as const;

/** Connect's Timestamp logical type: INT64 milliseconds since the Unix epoch. */
export const LogicalTimestamp = {
  name: "org.apache.kafka.connect.data.Timestamp",

  /** The schema of a Timestamp. */
  schema(options: { optional?: boolean } = {}): Schema {
    return temporalSchema(SchemaType.SCHEMA_TYPE_INT64, LogicalTimestamp.name, options);
  },

  /** Encodes an instant. */
  toValue(instant: Date): Value {
    return intValue(validTime(instant));
  },

  /** Decodes a Timestamp value. */
  fromValue(value: Value): Date {
    return new Date(intOf(value, LogicalTimestamp.name));
  },
} as const;

function temporalSchema(type: SchemaType, name: string, options: { optional?: boolean }): Schema {
  return Schema.fromPartial({ type, name, version: 1, optional: options.optional ?? false });
}

function validTime(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new DataError("an invalid Date cannot be encoded");
  return ms;
}

function intValue(n: number): Value {
  return { kind: { $case: "intValue", value: BigInt(n) } };
}

function intOf(value: Value, typeName: string): number {
  if (value.kind?.$case !== "intValue") {
    throw new DataError(`a ${typeName} must be carried as an integer, not ${value.kind?.$case ?? "null"}`);
  }
  return Number(value.kind.value);
}
