import { LogicalDate, LogicalDecimal } from "@connect-mesh/data";
import type { Schema, Value } from "@connect-mesh/proto";
import type { Parsed } from "./connect-object.js";
import { explicitNull } from "./null-value.js";

const MS_PER_DAY = 86_400_000;

/**
 * A parsed value as a Data API Value: a date as days under a Date schema and as milliseconds under a Time
 * or Timestamp schema, a decimal as the two's complement bytes of its unscaled value. Undefined for null.
 */
export function encodeParsed(parsed: Parsed | null): Value | undefined {
  if (parsed === null) return undefined;
  const { schema, value } = parsed;
  switch (value.type) {
    case "boolean":
      return { kind: { $case: "boolValue", value: value.value } };
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return { kind: { $case: "intValue", value: value.value } };
    case "float32":
    case "float64":
      return { kind: { $case: "floatValue", value: value.value } };
    case "string":
      return { kind: { $case: "stringValue", value: value.value } };
    case "decimal":
      // LogicalDecimal encodes the unscaled integer at scale 0; the schema carries the real scale.
      return LogicalDecimal.toValue(value.unscaled.toString(), 0);
    case "date":
      return { kind: { $case: "intValue", value: BigInt(epochUnits(schema, value.epochMs)) } };
    case "list":
      return {
        kind: { $case: "arrayValue", value: { elements: value.items.map((item) => encodeElement(item)) } },
      };
    case "map":
      return {
        kind: {
          $case: "mapValue",
          value: {
            entries: value.entries.map(([k, v]) => ({ key: encodeElement(k), value: encodeElement(v) })),
          },
        },
      };
  }
}

function encodeElement(parsed: Parsed | null): Value {
  return encodeParsed(parsed) ?? explicitNull();
}

function epochUnits(schema: Schema, epochMs: number): number {
  return schema.name === LogicalDate.name ? Math.floor(epochMs / MS_PER_DAY) : epochMs;
}
