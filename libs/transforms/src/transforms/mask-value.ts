import { DataError, LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import {
  bigDecimalToDouble,
  bigDecimalToLong,
  parseBigDecimal,
  plainText,
} from "../internal/java-numbers.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { boolValue, floatValue, intValue, isNull, stringValue } from "../internal/values.js";

/** The Java class of a value, which decides how MaskField masks it. */
type JavaClass =
  | "java.lang.Byte"
  | "java.lang.Short"
  | "java.lang.Integer"
  | "java.lang.Long"
  | "java.lang.Float"
  | "java.lang.Double"
  | "java.lang.Boolean"
  | "java.lang.String"
  | "java.math.BigDecimal"
  | "java.util.Date"
  | "[B"
  | "java.util.List"
  | "java.util.Map"
  | "org.apache.kafka.connect.data.Struct";

const BY_TYPE: ReadonlyMap<SchemaType, JavaClass> = new Map([
  [SchemaType.SCHEMA_TYPE_INT8, "java.lang.Byte"],
  [SchemaType.SCHEMA_TYPE_INT16, "java.lang.Short"],
  [SchemaType.SCHEMA_TYPE_INT32, "java.lang.Integer"],
  [SchemaType.SCHEMA_TYPE_INT64, "java.lang.Long"],
  [SchemaType.SCHEMA_TYPE_FLOAT32, "java.lang.Float"],
  [SchemaType.SCHEMA_TYPE_FLOAT64, "java.lang.Double"],
  [SchemaType.SCHEMA_TYPE_BOOLEAN, "java.lang.Boolean"],
  [SchemaType.SCHEMA_TYPE_STRING, "java.lang.String"],
  [SchemaType.SCHEMA_TYPE_BYTES, "[B"],
  [SchemaType.SCHEMA_TYPE_ARRAY, "java.util.List"],
  [SchemaType.SCHEMA_TYPE_MAP, "java.util.Map"],
  [SchemaType.SCHEMA_TYPE_STRUCT, "org.apache.kafka.connect.data.Struct"],
]);

const BY_KIND: ReadonlyMap<string, JavaClass> = new Map([
  ["intValue", "java.lang.Long"],
  ["floatValue", "java.lang.Double"],
  ["boolValue", "java.lang.Boolean"],
  ["stringValue", "java.lang.String"],
  ["bytesValue", "[B"],
  ["arrayValue", "java.util.List"],
  ["mapValue", "java.util.Map"],
  ["structValue", "org.apache.kafka.connect.data.Struct"],
]);

const TEMPORAL: ReadonlySet<string> = new Set([LogicalDate.name, LogicalTime.name, LogicalTimestamp.name]);

const INT_BITS: ReadonlyMap<JavaClass, 8 | 16 | 32 | 64> = new Map([
  ["java.lang.Byte", 8],
  ["java.lang.Short", 16],
  ["java.lang.Integer", 32],
  ["java.lang.Long", 64],
] as const);

function javaClassOf(schema: Schema | undefined, value: Value): JavaClass {
  if (schema?.name === LogicalDecimal.name) return "java.math.BigDecimal";
  if (schema !== undefined && TEMPORAL.has(schema.name)) return "java.util.Date";
  const found = schema === undefined ? BY_KIND.get(value.kind?.$case ?? "") : BY_TYPE.get(schema.type);
  if (found === undefined) throw new DataError(`Cannot mask a value of kind ${value.kind?.$case}`);
  return found;
}

/**
 * Connect's MaskField.masked: null stays null; otherwise the type's empty value (0, false, "", the epoch
 * for dates, an empty list or map), or `replacement` converted to the field's type when one is set
 * (numbers and strings only).
 *
 * @throws DataError for a type that cannot be masked (bytes, structs; with a replacement, also booleans,
 * dates, lists and maps) or a replacement that does not convert.
 */
export function maskValue(
  schema: Schema | undefined,
  value: Value | undefined,
  replacement: string | undefined,
): Value | undefined {
  if (isNull(value)) return undefined;
  const javaClass = javaClassOf(schema, value);
  return replacement === undefined ? emptyValue(javaClass) : replaced(javaClass, replacement, schema);
}

function emptyValue(javaClass: JavaClass): Value {
  if (INT_BITS.has(javaClass) || javaClass === "java.util.Date") return intValue(0n);
  switch (javaClass) {
    case "java.lang.Float":
    case "java.lang.Double":
      return floatValue(0);
    case "java.lang.Boolean":
      return boolValue(false);
    case "java.lang.String":
      return stringValue("");
    case "java.math.BigDecimal":
      return LogicalDecimal.toValue("0", 0);
    case "java.util.List":
      return { kind: { $case: "arrayValue", value: { elements: [] } } };
    case "java.util.Map":
      return SchemalessMap.empty().toValue();
    default:
      throw new DataError(`Cannot mask value of type: class ${javaClass}`);
  }
}

function replaced(javaClass: JavaClass, replacement: string, schema: Schema | undefined): Value {
  if (javaClass === "java.lang.String") return stringValue(replacement);
  const bits = INT_BITS.get(javaClass);
  const isNumber = bits !== undefined || javaClass === "java.lang.Float" || javaClass === "java.lang.Double";
  if (!isNumber && javaClass !== "java.math.BigDecimal") {
    throw new DataError(`Cannot mask value of type class ${javaClass} with custom replacement.`);
  }
  const decimal = parseBigDecimal(replacement);
  if (decimal === undefined) {
    throw new DataError(
      isNumber
        ? `Unable to convert ${replacement} (class java.lang.String) to a number`
        : `Unable to convert ${replacement} (class java.lang.String) to number`,
    );
  }
  if (bits !== undefined) return intValue(BigInt.asIntN(bits, bigDecimalToLong(decimal)));
  if (javaClass === "java.lang.Float") return floatValue(Math.fround(bigDecimalToDouble(decimal)));
  if (javaClass === "java.lang.Double") return floatValue(bigDecimalToDouble(decimal));
  // Connect's Decimal refuses a BigDecimal whose scale differs from the schema's when it is written.
  if (String(decimal.scale) !== schema?.parameters.scale) {
    throw new DataError("BigDecimal has mismatching scale value for given Decimal schema");
  }
  return LogicalDecimal.toValue(plainText(decimal), decimal.scale);
}
