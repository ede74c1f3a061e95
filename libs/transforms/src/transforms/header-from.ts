import { DataError } from "@connect-mesh/data";
import {
  type Header,
  type Record,
  type Schema,
  SchemaType,
  type StructValue,
  type Value,
} from "@connect-mesh/proto";
import { nonEmptyList, REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldOf, fieldSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";

/**
 * HeaderFrom: copies or moves fields of the key or value into headers, the n-th field to the n-th header.
 * Headers are added after the record's own, with the field's schema when there is one.
 */
export const HEADER_FROM = keyValueTransformDefs("HeaderFrom", {
  documentation:
    "Moves or copies fields in the key/value of a record into that record's headers. Corresponding elements of fields and headers together identify a field and the header it should be moved or copied to.",
  keys: [
    {
      name: "fields",
      type: "list",
      importance: "high",
      documentation: "Field names in the record whose values are to be copied or moved to headers.",
      check: nonEmptyList,
    },
    {
      name: "headers",
      type: "list",
      importance: "high",
      documentation:
        "Header names, in the same order as the field names listed in the fields configuration property.",
      check: nonEmptyList,
    },
    {
      name: "operation",
      type: "string",
      importance: "high",
      allowed: { values: ["move", "copy"], caseInsensitive: false },
      documentation:
        "Either move if the fields are to be moved to the headers (removed from the key/value), or copy if the fields are to be copied to the headers (retained in the key/value).",
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const fields = config.list("fields");
    const headers = config.list("headers");
    if (fields.length !== headers.length) {
      throw new PluginConfigProblem(
        "headers",
        "'fields' config must have the same number of elements as 'headers' config.",
      );
    }
    return new HeaderFrom(
      fields,
      headers,
      config.string("operation") === "move",
      config.boolean("replace.null.with.default"),
      side,
    );
  },
});

class HeaderFrom implements Transformation {
  private readonly purpose: string;

  constructor(
    private readonly fields: readonly string[],
    private readonly headers: readonly string[],
    private readonly isMove: boolean,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {
    this.purpose = `header ${isMove ? "move" : "copy"}`;
  }

  apply(record: Record): Record {
    const schema = this.side.schemaOf(record);
    const value = this.side.valueOf(record);
    const added: Header[] = [];
    if (schema === undefined) {
      const map = SchemalessMap.copyOf(requireMap(value, this.purpose));
      const updated = SchemalessMap.copyOf(requireMap(value, this.purpose));
      this.fields.forEach((field, i) => {
        if (this.isMove) updated.delete(field);
        added.push(header(this.headers[i] ?? "", map.get(field), undefined));
      });
      return {
        ...this.side.with(record, undefined, updated.toValue()),
        headers: [...record.headers, ...added],
      };
    }
    const struct = requireStruct(value, this.purpose);
    this.fields.forEach((name, i) => {
      const field = fieldOf(schema, name);
      if (field === undefined) throw new DataError(`Field does not exist: ${name}`);
      added.push(
        header(
          this.headers[i] ?? "",
          fieldValue(struct, field, this.replaceNullWithDefault),
          fieldSchema(field),
        ),
      );
    });
    const updated = this.isMove ? this.moveOut(schema, struct) : { schema, value };
    return {
      ...this.side.with(record, updated.schema, updated.value),
      headers: [...record.headers, ...added],
    };
  }

  private moveOut(schema: Schema, struct: StructValue): { schema: Schema; value: Value } {
    const kept = schema.fields.filter((field) => !this.fields.includes(field.name));
    return {
      schema: withFields(
        copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT),
        kept.map((field) => [field.name, fieldSchema(field)] as const),
      ),
      value: structValue(
        kept.map((field) => [field.name, fieldValue(struct, field, this.replaceNullWithDefault)] as const),
      ),
    };
  }
}

function header(key: string, value: Value | undefined, schema: Schema | undefined): Header {
  return { key, value, schema };
}
