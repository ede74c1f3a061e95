import type { Record, Schema, Value } from "@connect-mesh/proto";

/**
 * The part of a record a `$Key` or `$Value` transform works on. Transforms are written once against this
 * and Connect's two variants are the two sides.
 */
export interface RecordSide {
  /** "Key" or "Value", as in Connect's class names (`MaskField$Value`). */
  readonly variant: "Key" | "Value";
  schemaOf(record: Record): Schema | undefined;
  valueOf(record: Record): Value | undefined;
  /** A copy of `record` with this side replaced. */
  with(record: Record, schema: Schema | undefined, value: Value | undefined): Record;
}

export const KEY_SIDE: RecordSide = {
  variant: "Key",
  schemaOf: (record) => record.keySchema,
  valueOf: (record) => record.key,
  with: (record, keySchema, key) => ({ ...record, keySchema, key }),
};

export const VALUE_SIDE: RecordSide = {
  variant: "Value",
  schemaOf: (record) => record.valueSchema,
  valueOf: (record) => record.value,
  with: (record, valueSchema, value) => ({ ...record, valueSchema, value }),
};
