import { DataError } from "@connect-mesh/data";
import type { Record, Schema } from "@connect-mesh/proto";
import { nonEmptyList, REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { transformDef } from "../internal/plugin-def.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { fieldOf, fieldSchema, structSchema } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { structValue } from "../internal/values.js";

const PURPOSE = "copying fields from value to key";

/**
 * ValueToKey: replaces the key with a struct (or map) of the listed value fields. As in Connect, a null
 * value (a tombstone) is an error; pair it with the RecordIsTombstone predicate to skip those.
 */
export const VALUE_TO_KEY = transformDef("ValueToKey", {
  documentation: "Replace the record key with a new key formed from a subset of fields in the record value.",
  keys: [
    {
      name: "fields",
      type: "list",
      importance: "high",
      documentation: "Field names on the record value to extract as the record key.",
      check: nonEmptyList,
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config) {
    const fields = config.list("fields");
    const withDefault = config.boolean("replace.null.with.default");
    return {
      apply(record: Record): Record {
        if (record.valueSchema === undefined) {
          const value = SchemalessMap.copyOf(requireMap(record.value, PURPOSE));
          const key = SchemalessMap.empty();
          for (const field of fields) key.set(field, value.get(field));
          return { ...record, keySchema: undefined, key: key.toValue() };
        }
        const valueSchema: Schema = record.valueSchema;
        const struct = requireStruct(record.value, PURPOSE);
        const keyFields = fields.map((name) => {
          const field = fieldOf(valueSchema, name);
          if (field === undefined) throw new DataError(`Field does not exist: ${name}`);
          return field;
        });
        return {
          ...record,
          keySchema: structSchema(keyFields.map((field) => [field.name, fieldSchema(field)] as const)),
          key: structValue(
            keyFields.map((field) => [field.name, fieldValue(struct, field, withDefault)] as const),
          ),
        };
      },
    };
  },
});
