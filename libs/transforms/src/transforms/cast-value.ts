import {
  connectTypeName,
  javaBigDecimalTextOf,
  javaDoubleText,
  javaFloatText,
} from "@connect-mesh/converters";
import { DataError, LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { javaDateText } from "../internal/java-date-text.js";
import {
  bigDecimalToDouble,
  bigDecimalToLong,
  doubleToInt,
  doubleToLong,
  integerPart,
  type JavaBigDecimal,
  parseBigDecimal,
  parseJavaDouble,
  parseJavaInteger,
} from "../internal/java-numbers.js";
import { boolValue, floatValue, intValue, isNull, kindName, stringValue } from "../internal/values.js";

/** The types Cast can produce (Connect's SUPPORTED_CAST_OUTPUT_TYPES), by name. */
export const CAST_OUTPUT_TYPES: ReadonlyMap<string, SchemaType> = new Map(
  [
    SchemaType.SCHEMA_TYPE_INT8,
    SchemaType.SCHEMA_TYPE_INT16,
    SchemaType.SCHEMA_TYPE_INT32,
    SchemaType.SCHEMA_TYPE_INT64,
    SchemaType.SCHEMA_TYPE_FLOAT32,
    SchemaType.SCHEMA_TYPE_FLOAT64,
    SchemaType.SCHEMA_TYPE_BOOLEAN,
    SchemaType.SCHEMA_TYPE_STRING,
  ].map((type) => [connectTypeName(type), type]),
);

const INPUT_TYPES = "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]";

/** A value as the Java object Cast sees: the class decides how each conversion goes. */
type JavaObject =
  | { readonly t: "integer"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number; readonly single: boolean }
  | { readonly t: "decimal"; readonly v: JavaBigDecimal }
  | { readonly t: "boolean"; readonly v: boolean }
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "bytes"; readonly v: Buffer }
  | { readonly t: "date"; readonly epochMs: number };

const TEMPORAL_MS: ReadonlyMap<string, (value: Value) => number> = new Map([
  [LogicalDate.name, (value: Value) => LogicalDate.fromValue(value).getTime()],
  [LogicalTime.name, (value: Value) => LogicalTime.fromValue(value).getTime()],
  [LogicalTimestamp.name, (value: Value) => LogicalTimestamp.fromValue(value).getTime()],
]);

/**
 * Connect's Cast.castValueToType: converts a value (described by `schema`, or by its own kind when
 * schemaless) to `target` with Java's rules: numbers narrow by wrapping, floats truncate, strings parse
 * strictly, booleans become 1 or 0, anything becomes a string (bytes as base64, a Date/Time/Timestamp in
 * ISO 8601). Logical temporal values cast to numbers as their encoded integer. Null stays null.
 *
 * @throws DataError for an input type Cast cannot read or a string that does not parse.
 */
export function castValue(
  schema: Schema | undefined,
  value: Value | undefined,
  target: SchemaType,
): Value | undefined {
  if (isNull(value)) return undefined;
  const object = toJavaObject(schema, value, target);
  try {
    return convert(object, target);
  } catch (e) {
    if (e instanceof NumberFormat) {
      throw new DataError(`Value (${toText(object)}) was out of range for requested data type`, { cause: e });
    }
    throw e;
  }
}

/** Java's NumberFormatException, which Cast reports as an out-of-range value. */
class NumberFormat extends Error {}

function toJavaObject(schema: Schema | undefined, value: Value, target: SchemaType): JavaObject {
  const kind = value.kind;
  if (kind === undefined || kind.$case === "nullValue") throw new DataError("Cast cannot read a null");
  const type = schema?.type ?? schemalessType(kind.$case);
  if (!INPUT_OK.has(type)) {
    throw new DataError(
      `Cast transformation does not support casting from ${connectTypeName(type)}; supported types are ${INPUT_TYPES}`,
    );
  }
  const temporal = schema === undefined ? undefined : TEMPORAL_MS.get(schema.name);
  if (temporal !== undefined) {
    const epochMs = temporal(value);
    // Connect encodes a logical value to its integer unless the target is a string, which prints the date.
    if (target === SchemaType.SCHEMA_TYPE_STRING) return { t: "date", epochMs };
    return { t: "integer", v: expectKind(value, "intValue") };
  }
  if (schema?.name === LogicalDecimal.name) {
    const text = LogicalDecimal.fromValue(value, schema);
    const decimal = parseBigDecimal(text);
    if (decimal === undefined) throw new DataError(`"${text}" is not a decimal`);
    return { t: "decimal", v: decimal };
  }
  switch (kind.$case) {
    case "intValue":
      return { t: "integer", v: kind.value };
    case "floatValue":
      return { t: "float", v: kind.value, single: schema?.type === SchemaType.SCHEMA_TYPE_FLOAT32 };
    case "boolValue":
      return { t: "boolean", v: kind.value };
    case "stringValue":
      return { t: "string", v: kind.value };
    case "bytesValue":
      return { t: "bytes", v: kind.value };
    default:
      throw new DataError(
        `Cast transformation was passed a ${kindName(value)}, which its schema does not describe`,
      );
  }
}

const INPUT_OK = new Set([...CAST_OUTPUT_TYPES.values(), SchemaType.SCHEMA_TYPE_BYTES]);

function schemalessType(kind: NonNullable<Value["kind"]>["$case"]): SchemaType {
  switch (kind) {
    case "intValue":
      return SchemaType.SCHEMA_TYPE_INT64;
    case "floatValue":
      return SchemaType.SCHEMA_TYPE_FLOAT64;
    case "boolValue":
      return SchemaType.SCHEMA_TYPE_BOOLEAN;
    case "stringValue":
      return SchemaType.SCHEMA_TYPE_STRING;
    case "bytesValue":
      return SchemaType.SCHEMA_TYPE_BYTES;
    case "arrayValue":
      return SchemaType.SCHEMA_TYPE_ARRAY;
    case "mapValue":
      return SchemaType.SCHEMA_TYPE_MAP;
    default:
      return SchemaType.SCHEMA_TYPE_STRUCT;
  }
}

function expectKind(value: Value, kind: "intValue"): bigint {
  if (value.kind?.$case !== kind) throw new DataError(`expected an integer, not ${kindName(value)}`);
  return value.kind.value;
}

const INT_BITS = new Map<SchemaType, 8 | 16 | 32 | 64>([
  [SchemaType.SCHEMA_TYPE_INT8, 8],
  [SchemaType.SCHEMA_TYPE_INT16, 16],
  [SchemaType.SCHEMA_TYPE_INT32, 32],
  [SchemaType.SCHEMA_TYPE_INT64, 64],
]);

function convert(object: JavaObject, target: SchemaType): Value {
  const bits = INT_BITS.get(target);
  if (bits !== undefined) return intValue(toInteger(object, bits));
  switch (target) {
    case SchemaType.SCHEMA_TYPE_FLOAT32:
      return floatValue(Math.fround(toDouble(object)));
    case SchemaType.SCHEMA_TYPE_FLOAT64:
      return floatValue(toDouble(object));
    case SchemaType.SCHEMA_TYPE_BOOLEAN:
      return boolValue(toBoolean(object));
    default:
      return stringValue(toText(object));
  }
}

/** Number.byteValue() and friends: a long wraps, a double saturates to int (or long) first. */
function toInteger(object: JavaObject, bits: 8 | 16 | 32 | 64): bigint {
  switch (object.t) {
    case "integer":
      return BigInt.asIntN(bits, object.v);
    case "float":
      return BigInt.asIntN(bits, bits === 64 ? doubleToLong(object.v) : doubleToInt(object.v));
    case "decimal":
      return bits === 64
        ? bigDecimalToLong(object.v)
        : BigInt.asIntN(bits, BigInt.asIntN(32, integerPart(object.v)));
    case "boolean":
      return object.v ? 1n : 0n;
    case "string": {
      const n = parseJavaInteger(object.v, bits);
      if (n === undefined) throw new NumberFormat(object.v);
      return n;
    }
    default:
      throw unexpected(object);
  }
}

function toDouble(object: JavaObject): number {
  switch (object.t) {
    case "integer":
      return Number(object.v);
    case "float":
      return object.v;
    case "decimal":
      return bigDecimalToDouble(object.v);
    case "boolean":
      return object.v ? 1 : 0;
    case "string": {
      const n = parseJavaDouble(object.v);
      if (n === undefined) throw new NumberFormat(object.v);
      return n;
    }
    default:
      throw unexpected(object);
  }
}

/** Number values are true unless their long value is 0 (so 0.5 is false); strings are "true" in any case. */
function toBoolean(object: JavaObject): boolean {
  switch (object.t) {
    case "integer":
      return object.v !== 0n;
    case "float":
      return doubleToLong(object.v) !== 0n;
    case "decimal":
      return bigDecimalToLong(object.v) !== 0n;
    case "boolean":
      return object.v;
    case "string":
      return object.v.toLowerCase() === "true";
    default:
      throw unexpected(object);
  }
}

function toText(object: JavaObject): string {
  switch (object.t) {
    case "date":
      return javaDateText(object.epochMs);
    case "bytes":
      return object.v.toString("base64");
    case "integer":
      return object.v.toString();
    case "float":
      return object.single ? javaFloatText(object.v) : javaDoubleText(object.v);
    case "decimal":
      return javaBigDecimalTextOf(object.v.unscaled, object.v.scale);
    case "boolean":
      return String(object.v);
    case "string":
      return object.v;
  }
}

function unexpected(object: JavaObject): DataError {
  return new DataError(`Unexpected type in Cast transformation: ${object.t}`);
}
