import { NullValue, type Value } from "@connect-mesh/proto";
import { FatalError } from "./errors.js";

/**
 * A Data API value as plain JavaScript, for the small structured values connectors handle themselves:
 * source partitions and offsets (`{ filename: "a.txt" }`, `{ position: 120n }`), lookup keys, test data.
 * Integers come back as `bigint` so that 64-bit offsets stay exact.
 */
export type PlainValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly PlainValue[]
  | PlainMap;

/** A map with string keys, as Connect's source partitions and offsets are. */
export interface PlainMap {
  readonly [key: string]: PlainValue;
}

/**
 * Converts a plain value to a Data API Value. A `number` that is a safe integer becomes an integer (as a
 * Java `Long` offset would be); any other number becomes a float. Objects become maps in key order.
 */
export function toValue(plain: PlainValue): Value {
  if (plain === null) return { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } };
  switch (typeof plain) {
    case "boolean":
      return { kind: { $case: "boolValue", value: plain } };
    case "bigint":
      return { kind: { $case: "intValue", value: plain } };
    case "number":
      return Number.isSafeInteger(plain)
        ? { kind: { $case: "intValue", value: BigInt(plain) } }
        : { kind: { $case: "floatValue", value: plain } };
    case "string":
      return { kind: { $case: "stringValue", value: plain } };
  }
  if (plain instanceof Uint8Array) {
    return {
      kind: { $case: "bytesValue", value: Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength) },
    };
  }
  if (isPlainArray(plain)) {
    return { kind: { $case: "arrayValue", value: { elements: plain.map(toValue) } } };
  }
  return {
    kind: {
      $case: "mapValue",
      value: {
        entries: Object.entries(plain).map(([key, value]) => ({
          key: { kind: { $case: "stringValue", value: key } },
          value: toValue(value),
        })),
      },
    },
  };
}

/**
 * Converts a Data API Value to plain JavaScript: null (or no value) to `null`, integers to `bigint`, floats to
 * `number`, bytes to a Buffer, arrays to arrays, maps and structs to objects. Throws a FatalError for a map
 * whose keys are not strings, which has no faithful plain form.
 */
export function fromValue(value: Value | undefined): PlainValue {
  const kind = value?.kind;
  if (kind === undefined) return null;
  switch (kind.$case) {
    case "nullValue":
      return null;
    case "boolValue":
    case "intValue":
    case "floatValue":
    case "stringValue":
    case "bytesValue":
      return kind.value;
    case "arrayValue":
      return kind.value.elements.map(fromValue);
    case "mapValue": {
      const result: Record<string, PlainValue> = {};
      for (const entry of kind.value.entries) {
        const key = entry.key?.kind;
        if (key?.$case !== "stringValue") {
          throw new FatalError(
            `a map with a ${key?.$case ?? "null"} key has no plain form; source partitions and offsets need string keys`,
          );
        }
        result[key.value] = fromValue(entry.value);
      }
      return result;
    }
    case "structValue": {
      const result: Record<string, PlainValue> = {};
      for (const field of kind.value.fields) result[field.name] = fromValue(field.value);
      return result;
    }
  }
}

// Array.isArray does not narrow a readonly array type, so it gets its own guard.
function isPlainArray(value: PlainValue): value is readonly PlainValue[] {
  return Array.isArray(value);
}
