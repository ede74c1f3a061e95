import type { Schema, Value } from "@connect-mesh/proto";
import type { SchemaAndValue } from "./converter.js";
import { encodeParsed } from "./internal/values-encode.js";
import { parseValuesText } from "./internal/values-parser.js";
import { valuesText } from "./internal/values-text.js";

/**
 * Connect's org.apache.kafka.connect.data.Values: the text form of any value, and the value (with an
 * inferred schema) back from text. SimpleHeaderConverter stores header values this way, and transforms
 * such as InsertHeader read their literals this way.
 */
export const Values = {
  /**
   * Infers a value and its schema from text, as Connect's Values.parseString does: booleans; integers as
   * the smallest of INT8..INT64; other numbers as FLOAT32, FLOAT64 or Decimal; "yyyy-MM-dd",
   * "HH:mm:ss.SSSZ" and "yyyy-MM-ddTHH:mm:ss.SSSZ" as Date, Time and Timestamp; "[…]" arrays and "{…}"
   * maps of such values, with quoted strings; "null" as null; anything else as the whole text, a STRING.
   * Connect's quirks are kept so that the same header reads the same on both: "12:30" is INT8 12 (only the
   * first token of a number counts), "[1, null]" is a string (a null cannot share its neighbours'
   * schema), and the elements of an array of arrays take the last inner array's schema.
   *
   * @throws DataError for arrays and maps nested more than 1000 deep (Connect overflows its stack).
   */
  parseString(text: string): SchemaAndValue {
    const parsed = parseValuesText(text);
    return parsed === null
      ? { schema: undefined, value: undefined }
      : { schema: parsed.schema, value: encodeParsed(parsed) };
  },

  /**
   * The text Connect's Values.convertToString gives a value, which parseString reads back: numbers as Java
   * prints them, Date/Time/Timestamp in ISO 8601 UTC, bytes as base64, arrays as [a,b], maps as {k:v},
   * structs as {"field":value}, strings inside them quoted. Null for a null value.
   */
  convertToString(schema: Schema | undefined, value: Value | undefined): string | null {
    return valuesText(schema, value);
  },
} as const;
