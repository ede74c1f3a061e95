import { LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType } from "@connect-mesh/proto";
import type { ConnectObject, Parsed } from "./connect-object.js";
import { doubleValueOf } from "./java-big-decimal.js";

const T = SchemaType;
const MS_PER_DAY = 86_400_000;
const INT_MAX = 2 ** 31 - 1;
/** How far apart two decimals' scales may be and still be aligned; beyond it the powers of ten get huge. */
const MAX_RESCALE = 10_000;

/**
 * A parse that Connect's Values gives up on (its DataException): the text around it is then read as a
 * string instead.
 */
export class ValuesParseFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Converts one element of a parsed array or map to the schema the elements have in common, as Connect's
 * Values.convertTo does when it aligns them: integers widen, numbers become floats, a number becomes a
 * Date (as days), Time or Timestamp (as milliseconds), a date keeps its instant. A null cannot take the
 * (required) common schema, so [1, null] is a string in Connect, and here.
 *
 * One addition: where Connect would keep a value that no converter could write later (a date with a time
 * of day under a Date schema, or a decimal whose scale differs from the schema's), the parse fails here,
 * and the text stays a string.
 *
 * @throws ValuesParseFailure when the value cannot take the schema.
 */
export function alignTo(schema: Schema, parsed: Parsed | null): Parsed {
  if (parsed === null) throw new ValuesParseFailure("a null cannot take a required schema");
  return { schema, value: convert(schema, parsed.value) };
}

function convert(schema: Schema, value: ConnectObject): ConnectObject {
  switch (schema.type) {
    case T.SCHEMA_TYPE_BYTES:
      if (schema.name === LogicalDecimal.name && value.type === "decimal") {
        return rescale(value, Number(schema.parameters.scale));
      }
      break;
    case T.SCHEMA_TYPE_STRING:
    case T.SCHEMA_TYPE_BOOLEAN:
      // Only strings share a STRING schema and only booleans a BOOLEAN one.
      if (value.type === (schema.type === T.SCHEMA_TYPE_STRING ? "string" : "boolean")) return value;
      break;
    case T.SCHEMA_TYPE_INT8:
      return { type: "int8", value: BigInt.asIntN(8, asLong(value)) };
    case T.SCHEMA_TYPE_INT16:
      return { type: "int16", value: BigInt.asIntN(16, asLong(value)) };
    case T.SCHEMA_TYPE_INT32:
      return convertToInt32(schema, value);
    case T.SCHEMA_TYPE_INT64:
      if (schema.name === LogicalTimestamp.name) {
        return value.type === "date" ? value : { type: "date", epochMs: Number(asLong(value)) };
      }
      return { type: "int64", value: asLong(value) };
    case T.SCHEMA_TYPE_FLOAT32:
      return { type: "float32", value: Math.fround(asDouble(value)) };
    case T.SCHEMA_TYPE_FLOAT64:
      return { type: "float64", value: asDouble(value) };
    case T.SCHEMA_TYPE_ARRAY:
      // A list keeps its own elements and their schemas, even when the common schema says otherwise.
      if (value.type === "list") return value;
      break;
    case T.SCHEMA_TYPE_MAP:
      if (value.type === "map") return value;
      break;
  }
  throw new ValuesParseFailure(`a ${value.type} cannot take the common schema`);
}

function convertToInt32(schema: Schema, value: ConnectObject): ConnectObject {
  if (schema.name === LogicalDate.name) {
    const epochMs =
      value.type === "date" ? value.epochMs : Number(BigInt.asIntN(32, asLong(value))) * MS_PER_DAY;
    if (epochMs % MS_PER_DAY !== 0) throw new ValuesParseFailure("a Date cannot have a time of day");
    return { type: "date", epochMs };
  }
  if (schema.name === LogicalTime.name) {
    if (value.type === "date") {
      if (!Number.isInteger(value.epochMs) || Math.abs(value.epochMs) > INT_MAX) {
        throw new ValuesParseFailure("a date does not fit a Time's milliseconds");
      }
      return value;
    }
    const ms = Number(BigInt.asIntN(32, asLong(value)));
    // Connect's Time.toLogical check, which lets a whole day through.
    if (ms < 0 || ms > MS_PER_DAY) throw new ValuesParseFailure("a Time is 0 to 86400000 ms");
    return { type: "date", epochMs: ms };
  }
  return { type: "int32", value: BigInt.asIntN(32, asLong(value)) };
}

/**
 * Connect's Values.asLong with no source schema: Java's longValue of a number (a float truncates and
 * saturates; a decimal keeps the low 64 bits of its integer part). A date or anything else fails.
 */
function asLong(value: ConnectObject): bigint {
  switch (value.type) {
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return value.value;
    case "float32":
    case "float64":
      return doubleToLong(value.value);
    case "decimal":
      return BigInt.asIntN(64, integerPart(value.unscaled, value.scale));
    default:
      throw new ValuesParseFailure(`a ${value.type} is not a number`);
  }
}

/** Connect's Values.asDouble with no source schema: Java's doubleValue of a number. */
function asDouble(value: ConnectObject): number {
  switch (value.type) {
    case "float32":
    case "float64":
      return value.value;
    case "decimal":
      return doubleValueOf(value);
    default:
      return Number(asLong(value));
  }
}

/** Java's (long) cast of a double: NaN is 0, and values beyond the long range saturate. */
function doubleToLong(n: number): bigint {
  if (Number.isNaN(n)) return 0n;
  if (n >= 2 ** 63) return 2n ** 63n - 1n;
  if (n <= -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(n));
}

function integerPart(unscaled: bigint, scale: number): bigint {
  if (scale <= 0) {
    // Beyond 64 digits of zeros the low 64 bits of the product are all zero.
    return -scale > 64 ? 0n : unscaled * 10n ** BigInt(-scale);
  }
  return unscaled / 10n ** BigInt(scale);
}

/** The same decimal at the schema's scale, when that needs no rounding. */
function rescale(value: Extract<ConnectObject, { type: "decimal" }>, scale: number): ConnectObject {
  if (value.scale === scale) return value;
  if (Math.abs(value.scale - scale) > MAX_RESCALE) {
    throw new ValuesParseFailure("decimals too far apart in scale to share a schema");
  }
  if (value.scale < scale) {
    return { type: "decimal", unscaled: value.unscaled * 10n ** BigInt(scale - value.scale), scale };
  }
  const divisor = 10n ** BigInt(value.scale - scale);
  if (value.unscaled % divisor !== 0n)
    throw new ValuesParseFailure("a decimal does not fit the common scale");
  return { type: "decimal", unscaled: value.unscaled / divisor, scale };
}
