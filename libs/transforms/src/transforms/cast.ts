import { connectTypeName } from "@connect-mesh/converters";
import { DataError } from "@connect-mesh/data";
import { type Record, type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { type ParsedValue, REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldSchema, plainSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { isNull, structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";
import { CAST_OUTPUT_TYPES, castValue } from "./cast-value.js";

const PURPOSE = "cast types";
const OUTPUT_TYPES = `[${[...CAST_OUTPUT_TYPES.keys()].join(", ")}]`;

/** A parsed `spec`: the whole value's target type, or each field's. */
type CastSpec = { readonly whole: SchemaType } | { readonly fields: ReadonlyMap<string, SchemaType> };

/** Parses `spec` as Connect does: `field:type,…`, or a single bare type for the whole value. */
function parseSpec(mappings: readonly string[]): CastSpec | string {
  if (mappings.length === 0) return "Must specify at least one field to cast.";
  const fields = new Map<string, SchemaType>();
  let whole: SchemaType | undefined;
  for (const mapping of mappings) {
    // Java's String.split drops trailing empty parts, so "a:" is a bare type "a".
    const parts = mapping.split(":");
    while (parts.length > 1 && parts.at(-1) === "") parts.pop();
    if (parts.length > 2) return `Invalid cast mapping: ${mapping}`;
    const typeName = (parts.length === 1 ? parts[0] : parts[1])?.trim() ?? "";
    const type = typeOf(typeName);
    if (typeof type === "string") return type;
    if (parts.length === 1) whole = type;
    else fields.set(parts[0]?.trim() ?? "", type);
  }
  if (whole === undefined) return { fields };
  if (mappings.length > 1) {
    return "Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec";
  }
  return { whole };
}

function typeOf(name: string): SchemaType | string {
  const upper = name.toUpperCase();
  const type = CAST_OUTPUT_TYPES.get(upper);
  if (type !== undefined) return type;
  if (Object.values(SchemaType).some((type) => typeof type === "number" && connectTypeName(type) === upper)) {
    return `Cast transformation does not support casting to ${upper}; supported types are ${OUTPUT_TYPES}`;
  }
  return `Invalid type found in casting spec: ${name}`;
}

function checkSpec(value: ParsedValue): string | undefined {
  const spec = parseSpec(Array.isArray(value) ? value : []);
  return typeof spec === "string" ? spec : undefined;
}

/**
 * Cast: changes the type of fields, or of the whole key or value, e.g. to a narrower integer or to a
 * string. Null keys or values (tombstones) pass through.
 */
export const CAST = keyValueTransformDefs("Cast", {
  documentation:
    "Cast fields or the entire key or value to a specific type, e.g. to force an integer field to a smaller width. Cast from integers, floats, boolean and string to any other type, and cast binary to string (base64 encoded).",
  keys: [
    {
      name: "spec",
      type: "list",
      importance: "high",
      documentation:
        "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can only be cast to string.",
      check: checkSpec,
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const spec = parseSpec(config.list("spec"));
    if (typeof spec === "string") throw new PluginConfigProblem("spec", spec);
    return new Cast(spec, config.boolean("replace.null.with.default"), side);
  },
});

class Cast implements Transformation {
  constructor(
    private readonly spec: CastSpec,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {}

  apply(record: Record): Record {
    const value = this.side.valueOf(record);
    if (isNull(value)) return record;
    const schema = this.side.schemaOf(record);
    if (schema === undefined) return this.side.with(record, undefined, this.castSchemaless(value));
    const updatedSchema = this.castSchema(schema);
    if ("whole" in this.spec) {
      return this.side.with(record, updatedSchema, castValue(schema, value, this.spec.whole));
    }
    const struct = requireStruct(value, PURPOSE);
    const casts = this.spec.fields;
    const fields = schema.fields.map((field) => {
      const original = fieldValue(struct, field, this.replaceNullWithDefault);
      const target = casts.get(field.name);
      return [
        field.name,
        target === undefined ? original : castValue(fieldSchema(field), original, target),
      ] as const;
    });
    return this.side.with(record, updatedSchema, structValue(fields));
  }

  private castSchemaless(value: Value): Value | undefined {
    if ("whole" in this.spec) return castValue(undefined, value, this.spec.whole);
    const map = SchemalessMap.copyOf(requireMap(value, PURPOSE));
    // A field the map lacks is set to null, as Connect's map.put(field, cast(map.get(field))) does.
    for (const [field, target] of this.spec.fields)
      map.set(field, castValue(undefined, map.get(field), target));
    return map.toValue();
  }

  /** Connect's getOrBuildSchema: cast fields keep their optionality and get their default cast too. */
  private castSchema(schema: Schema): Schema {
    let updated: Schema;
    if ("whole" in this.spec) {
      updated = copySchemaBasics(schema, this.spec.whole);
    } else {
      if (schema.type !== SchemaType.SCHEMA_TYPE_STRUCT)
        throw new DataError("Cannot list fields on non-struct type");
      const casts = this.spec.fields;
      updated = withFields(
        copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT),
        schema.fields.map((field) => {
          const target = casts.get(field.name);
          const original = fieldSchema(field);
          if (target === undefined) return [field.name, original] as const;
          return [field.name, withCastDefault(plainSchema(target, original.optional), original)] as const;
        }),
      );
    }
    return withCastDefault({ ...updated, optional: schema.optional }, schema);
  }
}

function withCastDefault(updated: Schema, original: Schema): Schema {
  if (isNull(original.defaultValue)) return updated;
  return { ...updated, defaultValue: castValue(original, original.defaultValue, updated.type) };
}
