import type { Record } from "@connect-mesh/proto";
import { nonEmptyList, nonEmptyString, REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { fieldSchema } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { structValue } from "../internal/values.js";
import { maskValue } from "./mask-value.js";

const PURPOSE = "mask fields";

/**
 * MaskField: replaces the listed fields with their type's empty value, or with `replacement`. As in
 * Connect, a null key or value is an error, and a listed field missing from a schemaless map is added as
 * null.
 */
export const MASK_FIELD = keyValueTransformDefs("MaskField", {
  documentation:
    "Mask specified fields with a valid null value for the field type (i.e. 0, false, empty string, and so on). For numeric and string fields, an optional replacement value can be specified that is converted to the correct type.",
  keys: [
    {
      name: "fields",
      type: "list",
      importance: "high",
      documentation: "Names of fields to mask.",
      check: nonEmptyList,
    },
    {
      name: "replacement",
      type: "string",
      defaultValue: null,
      importance: "low",
      documentation:
        "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
      check: nonEmptyString,
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const fields = new Set(config.list("fields"));
    const replacement = config.optionalString("replacement");
    const withDefault = config.boolean("replace.null.with.default");
    return {
      apply(record: Record): Record {
        const schema = side.schemaOf(record);
        const value = side.valueOf(record);
        if (schema === undefined) {
          const original = SchemalessMap.copyOf(requireMap(value, PURPOSE));
          const map = SchemalessMap.copyOf(requireMap(value, PURPOSE));
          for (const field of fields) map.set(field, maskValue(undefined, original.get(field), replacement));
          return side.with(record, undefined, map.toValue());
        }
        const struct = requireStruct(value, PURPOSE);
        const masked = schema.fields.map((field) => {
          const original = fieldValue(struct, field, withDefault);
          return [
            field.name,
            fields.has(field.name) ? maskValue(fieldSchema(field), original, replacement) : original,
          ] as const;
        });
        return side.with(record, schema, structValue(masked));
      },
    };
  },
});
