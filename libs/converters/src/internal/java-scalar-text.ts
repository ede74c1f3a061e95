import { LogicalDecimal } from "@connect-mesh/data";
import { type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { decimalScale } from "./decimal-scale.js";
import { javaBigDecimalTextOf, javaDoubleText, javaFloatText } from "./java-number-text.js";

type PrimitiveKind = Extract<NonNullable<Value["kind"]>, { $case: "boolValue" | "intValue" | "floatValue" }>;

/** The scale-0 Decimal schema, for reading a Decimal's unscaled integer out of its bytes. */
const UNSCALED = LogicalDecimal.schema(0);

/**
 * Java's toString of a boolean, an integer, or a float as Float or Double prints it (by the schema; a
 * schemaless float is a Double). StringConverter and Values both print them so.
 */
export function javaPrimitiveText(schema: Schema | undefined, kind: PrimitiveKind): string {
  if (kind.$case !== "floatValue") return kind.value.toString();
  return schema?.type === SchemaType.SCHEMA_TYPE_FLOAT32
    ? javaFloatText(kind.value)
    : javaDoubleText(kind.value);
}

/**
 * A Decimal's bytes as Java's BigDecimal.toString prints it, at the schema's scale (which may be negative).
 *
 * @throws DataError for a Decimal schema without a whole-number "scale" parameter.
 */
export function javaDecimalText(schema: Schema, bytes: Buffer): string {
  const scale = decimalScale(schema, "a Decimal schema");
  const unscaled = BigInt(
    LogicalDecimal.fromValue({ kind: { $case: "bytesValue", value: bytes } }, UNSCALED),
  );
  return javaBigDecimalTextOf(unscaled, scale);
}
