import { connectTypeName } from "@connect-mesh/converters";
import { DataError } from "@connect-mesh/data";
import type { Record } from "@connect-mesh/proto";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { structSchema } from "../internal/schemas.js";
import { isNull, structValue } from "../internal/values.js";

/**
 * HoistField: wraps the key or value in a struct (with a schema) or a map (without) under one field.
 * A null is wrapped too; with a required schema that is an error, as Connect's Struct.put makes it.
 */
export const HOIST_FIELD = keyValueTransformDefs("HoistField", {
  documentation:
    "Wrap data using the specified field name in a Struct when schema present, or a Map in the case of schemaless data.",
  keys: [
    {
      name: "field",
      type: "string",
      importance: "medium",
      documentation: "Field name for the single field that will be created in the resulting Struct or Map.",
    },
  ],
  create(config, side) {
    const field = config.string("field");
    return {
      apply(record: Record): Record {
        const schema = side.schemaOf(record);
        const value = side.valueOf(record);
        if (schema === undefined)
          return side.with(record, undefined, SchemalessMap.empty().set(field, value).toValue());
        if (isNull(value) && !schema.optional) {
          throw new DataError(
            `Invalid value: null used for required field: "${field}", schema type: ${connectTypeName(schema.type)}`,
          );
        }
        return side.with(record, structSchema([[field, schema]]), structValue([[field, value]]));
      },
    };
  },
});
