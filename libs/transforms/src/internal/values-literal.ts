import { LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { JavaDateFormat } from "./java-date-format.js";
import {
  bigDecimalToDouble,
  integerPart,
  isWholeNumber,
  parseBigDecimal,
  plainText,
} from "./java-numbers.js";
import { plainSchema } from "./schemas.js";
import { boolValue, floatValue, intValue, stringValue } from "./values.js";

/** A value with the schema Connect infers for it. Both undefined is null. */
export interface TypedValue {
  readonly schema: Schema | undefined;
  readonly value: Value | undefined;
}

/** Connect's ISO 8601 formats in Values, tried by the length of the text as Connect tries them. */
const TEMPORAL_BY_LENGTH: ReadonlyMap<
  number,
  { format: JavaDateFormat; encode: (ms: number) => TypedValue }
> = new Map([
  [
    13,
    {
      format: JavaDateFormat.compile("HH:mm:ss.SSS'Z'"),
      encode: (ms) => ({ schema: LogicalTime.schema(), value: LogicalTime.toValue(new Date(ms)) }),
    },
  ],
  [
    24,
    {
      format: JavaDateFormat.compile("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"),
      encode: (ms) => ({ schema: LogicalTimestamp.schema(), value: LogicalTimestamp.toValue(new Date(ms)) }),
    },
  ],
  [
    10,
    {
      format: JavaDateFormat.compile("yyyy-MM-dd"),
      encode: (ms) => ({ schema: LogicalDate.schema(), value: LogicalDate.toValue(new Date(ms)) }),
    },
  ],
]);

const INT_TYPES = [
  [8, SchemaType.SCHEMA_TYPE_INT8],
  [16, SchemaType.SCHEMA_TYPE_INT16],
  [32, SchemaType.SCHEMA_TYPE_INT32],
  [64, SchemaType.SCHEMA_TYPE_INT64],
] as const;

/**
 * Connect's Values.parseString for a single literal, as InsertHeader's `value.literal` is read: "null",
 * booleans, numbers (the narrowest integer type that holds them, else FLOAT32, FLOAT64 or a Decimal),
 * ISO 8601 dates, times and timestamps; anything else is the string itself. Connect also parses `[…]`
 * arrays and `{…}` maps; here those stay strings.
 */
export function parseLiteral(text: string): TypedValue {
  if (text === "")
    return { schema: plainSchema(SchemaType.SCHEMA_TYPE_STRING, false), value: stringValue("") };
  if (text === "null") return { schema: undefined, value: undefined };
  if (text === "true" || text === "false") {
    return { schema: plainSchema(SchemaType.SCHEMA_TYPE_BOOLEAN, false), value: boolValue(text === "true") };
  }
  const first = text.charAt(0);
  const isDigit = first >= "0" && first <= "9";
  if (isDigit) {
    const temporal = parseTemporal(text);
    if (temporal !== undefined) return temporal;
  }
  if (isDigit || first === "+" || first === "-") {
    const number = parseNumber(text);
    if (number !== undefined) return number;
  }
  return { schema: plainSchema(SchemaType.SCHEMA_TYPE_STRING, false), value: stringValue(text) };
}

function parseTemporal(text: string): TypedValue | undefined {
  const temporal = TEMPORAL_BY_LENGTH.get(text.length);
  const parsed = temporal?.format.parsePrefix(text);
  if (temporal === undefined || parsed === undefined || parsed.length === 0) return undefined;
  try {
    return temporal.encode(parsed.epochMs);
  } catch {
    // A time that rolled past midnight, or a date with a time of day, is not that logical type.
    return undefined;
  }
}

function parseNumber(text: string): TypedValue | undefined {
  const decimal = parseBigDecimal(text);
  if (decimal === undefined) return undefined;
  if (isWholeNumber(decimal)) {
    const n = integerPart(decimal);
    for (const [bits, type] of INT_TYPES) {
      if (BigInt.asIntN(bits, n) === n) return { schema: plainSchema(type, false), value: intValue(n) };
    }
  }
  const double = bigDecimalToDouble(decimal);
  if (decimal.scale !== 0 && Number.isFinite(Math.fround(double))) {
    return {
      schema: plainSchema(SchemaType.SCHEMA_TYPE_FLOAT32, false),
      value: floatValue(Math.fround(double)),
    };
  }
  if (decimal.scale !== 0 && Number.isFinite(double)) {
    return { schema: plainSchema(SchemaType.SCHEMA_TYPE_FLOAT64, false), value: floatValue(double) };
  }
  if (decimal.scale < 0) return undefined;
  return {
    schema: LogicalDecimal.schema(decimal.scale),
    value: LogicalDecimal.toValue(plainText(decimal), decimal.scale),
  };
}
