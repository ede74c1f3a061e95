import { DataError, LogicalDate, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type { JavaDateFormat } from "../internal/java-date-format.js";
import { plainSchema } from "../internal/schemas.js";
import { intValue, isNull, kindName, stringValue } from "../internal/values.js";

/** TimestampConverter's representations of an instant (Connect's `target.type` values). */
export type TimestampType = "string" | "unix" | "Date" | "Time" | "Timestamp";

/** `unix.precision`: the unit of a unix timestamp. */
export type UnixPrecision = "seconds" | "milliseconds" | "microseconds" | "nanoseconds";

/** What converting needs from the config. */
export interface TimestampSettings {
  readonly target: TimestampType;
  readonly format: JavaDateFormat | undefined;
  readonly unixPrecision: UnixPrecision;
}

const MS_PER_DAY = 86_400_000;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const MS_PER_UNIT: Record<UnixPrecision, bigint> = {
  seconds: 1000n,
  milliseconds: 1n,
  microseconds: 1n,
  nanoseconds: 1n,
};
const UNITS_PER_MS: Record<UnixPrecision, bigint> = {
  seconds: 1n,
  milliseconds: 1n,
  microseconds: 1000n,
  nanoseconds: 1_000_000n,
};

/** The schema of a representation, as Connect's translators give it. */
export function timestampSchema(type: TimestampType, optional: boolean): Schema {
  switch (type) {
    case "string":
      return plainSchema(SchemaType.SCHEMA_TYPE_STRING, optional);
    case "unix":
      return plainSchema(SchemaType.SCHEMA_TYPE_INT64, optional);
    case "Date":
      return LogicalDate.schema({ optional });
    case "Time":
      return LogicalTime.schema({ optional });
    case "Timestamp":
      return LogicalTimestamp.schema({ optional });
  }
}

/** Connect's timestampTypeFromSchema: the logical type by name, else STRING is text and INT64 is unix. */
export function timestampTypeOf(schema: Schema): TimestampType {
  if (schema.name === LogicalTimestamp.name) return "Timestamp";
  if (schema.name === LogicalDate.name) return "Date";
  if (schema.name === LogicalTime.name) return "Time";
  if (schema.type === SchemaType.SCHEMA_TYPE_STRING) return "string";
  if (schema.type === SchemaType.SCHEMA_TYPE_INT64) return "unix";
  throw new DataError(
    `Schema ${schema.name || schema.type} does not correspond to a known timestamp type format`,
  );
}

/**
 * Converts a timestamp from its representation (`from`, or inferred from the value when schemaless: an
 * integer is unix, a string is text) to the target. Null stays null.
 */
export function convertTimestamp(
  value: Value | undefined,
  from: TimestampType | undefined,
  settings: TimestampSettings,
): Value | undefined {
  if (isNull(value)) return undefined;
  const source = from ?? inferType(value);
  return toType(toEpochMs(value, source, settings), settings);
}

function inferType(value: Value): TimestampType {
  if (value.kind?.$case === "intValue") return "unix";
  if (value.kind?.$case === "stringValue") return "string";
  throw new DataError(`TimestampConverter does not support ${kindName(value)} objects as timestamps`);
}

function toEpochMs(value: Value, source: TimestampType, settings: TimestampSettings): number {
  const kind = value.kind;
  if (source === "string") {
    if (kind?.$case !== "stringValue") {
      throw new DataError(`Expected string timestamp to be a String, but found ${kindName(value)}`);
    }
    const format = settings.format;
    if (format === undefined)
      throw new DataError("TimestampConverter needs the format option to read string timestamps");
    const parsed = format.parsePrefix(kind.value);
    if (parsed === undefined) {
      throw new DataError(
        `Could not parse timestamp: value (${kind.value}) does not match pattern (${format.pattern})`,
      );
    }
    return parsed.epochMs;
  }
  if (kind?.$case !== "intValue") {
    const what = source === "unix" ? "Unix timestamp to be a Long" : `${source} to be a java.util.Date`;
    throw new DataError(`Expected ${what}, but found ${kindName(value)}`);
  }
  switch (source) {
    case "unix": {
      const { unixPrecision } = settings;
      return Number(saturate(kind.value * MS_PER_UNIT[unixPrecision]) / UNITS_PER_MS[unixPrecision]);
    }
    case "Date":
      return Number(kind.value) * MS_PER_DAY;
    default:
      return Number(kind.value);
  }
}

function toType(epochMs: number, settings: TimestampSettings): Value {
  switch (settings.target) {
    case "string":
      if (settings.format === undefined)
        throw new DataError("TimestampConverter needs the format option to write string timestamps");
      return stringValue(settings.format.format(epochMs));
    case "unix": {
      const ms = BigInt(epochMs);
      return intValue(
        saturate(ms * UNITS_PER_MS[settings.unixPrecision]) / MS_PER_UNIT[settings.unixPrecision],
      );
    }
    case "Date":
      return intValue(BigInt(Math.floor(epochMs / MS_PER_DAY)));
    case "Time":
      return intValue(BigInt(((epochMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY));
    case "Timestamp":
      return intValue(BigInt(epochMs));
  }
}

/** Java's TimeUnit conversions saturate at the ends of a long rather than overflow. */
function saturate(n: bigint): bigint {
  if (n > LONG_MAX) return LONG_MAX;
  if (n < LONG_MIN) return LONG_MIN;
  return n;
}
