import type { Record } from "@connect-mesh/proto";
import { REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import type { FieldPath, FieldSyntaxVersion } from "../internal/field-path.js";
import { FIELD_SYNTAX_VERSION, fieldPathCheck } from "../internal/field-syntax-key.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { isNull } from "../internal/values.js";
import type { Transformation } from "../transformation.js";

const PURPOSE = "field extraction";

/**
 * ExtractField: replaces the key or value with one of its fields (a nested one with
 * `field.syntax.version=V2`). Null passes through; a missing field is null without a schema and an error
 * with one.
 */
export const EXTRACT_FIELD = keyValueTransformDefs("ExtractField", {
  documentation:
    "Extract the specified field from a Struct when schema present, or a Map in the case of schemaless data. Any null values are passed through unmodified.",
  keys: [
    { name: "field", type: "string", importance: "medium", documentation: "Field name to extract." },
    REPLACE_NULL_WITH_DEFAULT,
    FIELD_SYNTAX_VERSION,
  ],
  create(config, side) {
    const version = config.string("field.syntax.version").toUpperCase() as FieldSyntaxVersion;
    const field = config.string("field");
    const path = fieldPathCheck(field, version);
    return new ExtractField(field, path, config.boolean("replace.null.with.default"), side);
  },
});

class ExtractField implements Transformation {
  constructor(
    private readonly field: string,
    private readonly path: FieldPath,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {}

  apply(record: Record): Record {
    const schema = this.side.schemaOf(record);
    const value = this.side.valueOf(record);
    if (schema === undefined) {
      if (isNull(value)) return this.side.with(record, undefined, undefined);
      const map = SchemalessMap.copyOf(requireMap(value, PURPOSE));
      return this.side.with(record, undefined, this.path.valueInMap(map));
    }
    const fieldSchema = this.path.schemaIn(schema);
    if (fieldSchema === undefined) throw new Error(`Unknown field: ${this.field}`);
    if (isNull(value)) return this.side.with(record, fieldSchema, undefined);
    const struct = requireStruct(value, PURPOSE);
    return this.side.with(
      record,
      fieldSchema,
      this.path.valueInStruct(struct, schema, this.replaceNullWithDefault),
    );
  }
}
