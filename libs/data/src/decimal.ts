import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { DataError } from "./data-error.js";

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Connect's Decimal logical type: BYTES holding the unscaled value as a big-endian two's complement
 * integer (Java's BigInteger.toByteArray), with the scale in the schema's "scale" parameter.
 * Decimals travel here as strings, since a JavaScript number cannot hold them exactly.
 */
export const LogicalDecimal = {
  name: "org.apache.kafka.connect.data.Decimal",

  /** The schema of a decimal with `scale` digits after the point. */
  schema(scale: number, options: { optional?: boolean } = {}): Schema {
    if (!Number.isInteger(scale) || scale < 0) {
      throw new DataError(`a Decimal scale must be a whole number of 0 or more, not ${scale}`);
    }
    return Schema.fromPartial({
      type: SchemaType.SCHEMA_TYPE_BYTES,
      name: LogicalDecimal.name,
      version: 1,
      optional: options.optional ?? false,
      parameters: { scale: String(scale) },
    });
  },

  /** Encodes a decimal string such as "-12.5" at the given scale; more digits than the scale is an error. */
  toValue(decimal: string, scale: number): Value {
    const match = DECIMAL_PATTERN.exec(decimal);
    if (!match)
      throw new DataError(`"${decimal}" is not a decimal number (expected digits, optionally with a point)`);
    const [, sign = "", whole = "", fraction = ""] = match;
    if (fraction.length > scale) {
      throw new DataError(
        `"${decimal}" has ${fraction.length} digits after the point, but the schema's scale is ${scale}`,
      );
    }
    const unscaled = BigInt(`${sign}${whole}${fraction.padEnd(scale, "0")}`);
    return { kind: { $case: "bytesValue", value: toTwosComplement(unscaled) } };
  },

  /** A Decimal schema's scale (its "scale" parameter); a missing or broken one is a DataError. */
  scaleOf(schema: Schema): number {
    return scaleOf(schema);
  },

  /** Decodes a Decimal value to a string with exactly the schema's scale of digits after the point. */
  fromValue(value: Value, schema: Schema): string {
    if (value.kind?.$case !== "bytesValue") {
      throw new DataError(`a Decimal must be carried as bytes, not ${value.kind?.$case ?? "null"}`);
    }
    const scale = scaleOf(schema);
    const unscaled = fromTwosComplement(value.kind.value);
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
    const sign = unscaled < 0n ? "-" : "";
    if (scale === 0) return `${sign}${digits}`;
    return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  },
} as const;

function scaleOf(schema: Schema): number {
  const scale = Number(schema.parameters.scale);
  if (!Number.isInteger(scale) || scale < 0) {
    throw new DataError(
      `a Decimal schema needs a "scale" parameter of 0 or more, not "${schema.parameters.scale}"`,
    );
  }
  return scale;
}

/** The fewest big-endian bytes that hold `n` in two's complement, as Java's BigInteger.toByteArray. */
function toTwosComplement(n: bigint): Buffer {
  const bytes: number[] = [];
  let rest = n;
  for (;;) {
    const byte = Number(rest & 0xffn);
    bytes.unshift(byte);
    rest >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((rest === 0n && !signBitSet) || (rest === -1n && signBitSet)) return Buffer.from(bytes);
  }
}

function fromTwosComplement(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  const isNegative = bytes.length > 0 && ((bytes[0] ?? 0) & 0x80) !== 0;
  return isNegative ? n - (1n << BigInt(bytes.length * 8)) : n;
}
