import type { Record } from "@connect-mesh/proto";
import { REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import { requireSchema } from "../internal/requirements.js";
import { fieldValue } from "../internal/structs.js";
import { isNull, structValue } from "../internal/values.js";

/**
 * SetSchemaMetadata: sets the name and/or version of the key or value schema, keeping everything else.
 * A schemaless null passes through; any other schemaless value is an error.
 */
export const SET_SCHEMA_METADATA = keyValueTransformDefs("SetSchemaMetadata", {
  documentation: "Set the schema name, version or both on the record's key or value schema.",
  keys: [
    {
      name: "schema.name",
      type: "string",
      defaultValue: null,
      importance: "high",
      documentation: "Schema name to set.",
    },
    {
      name: "schema.version",
      type: "int",
      defaultValue: null,
      importance: "high",
      documentation: "Schema version to set.",
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const name = config.optionalString("schema.name");
    const version = config.optionalInt("schema.version");
    if (name === undefined && version === undefined) {
      throw new PluginConfigProblem(undefined, "Neither schema name nor version configured");
    }
    const withDefault = config.boolean("replace.null.with.default");
    return {
      apply(record: Record): Record {
        const schema = side.schemaOf(record);
        const value = side.valueOf(record);
        if (schema === undefined && isNull(value)) return record;
        const updated = { ...requireSchema(schema, "updating schema metadata") };
        updated.name = name ?? updated.name;
        updated.version = version ?? updated.version;
        // Connect rebuilds a struct against the new schema, reading each field as replace.null.with.default says.
        if (value?.kind?.$case !== "structValue") return side.with(record, updated, value);
        const struct = value.kind.value;
        return side.with(
          record,
          updated,
          structValue(updated.fields.map((f) => [f.name, fieldValue(struct, f, withDefault)] as const)),
        );
      },
    };
  },
});
