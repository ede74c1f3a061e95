import { type Record, type Schema, SchemaType, type StructValue, type Value } from "@connect-mesh/proto";
import { REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { validDateFormat } from "../internal/date-format-key.js";
import { JavaDateFormat } from "../internal/java-date-format.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { isNull, structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";
import {
  convertTimestamp,
  type TimestampSettings,
  type TimestampType,
  timestampSchema,
  timestampTypeOf,
  type UnixPrecision,
} from "./timestamp-convert.js";

const PURPOSE = "converting timestamp formats";

/**
 * TimestampConverter: converts a timestamp field (or the whole key or value) between a formatted string,
 * a unix number, and Connect's Date, Time and Timestamp. Strings are read and written with a
 * SimpleDateFormat pattern in UTC. Without a schema, a Date, Time or Timestamp result is its encoded
 * integer (days, or milliseconds), since schemaless data has no date type.
 */
export const TIMESTAMP_CONVERTER = keyValueTransformDefs("TimestampConverter", {
  documentation:
    "Convert timestamps between different formats such as Unix epoch, strings, and Connect Date/Timestamp types.Applies to individual fields or to the entire value.",
  keys: [
    {
      name: "field",
      type: "string",
      defaultValue: "",
      importance: "high",
      documentation: "The field containing the timestamp, or empty if the entire value is a timestamp",
    },
    {
      name: "target.type",
      type: "string",
      importance: "high",
      allowed: { values: ["string", "unix", "Date", "Time", "Timestamp"], caseInsensitive: false },
      documentation: "The desired timestamp representation: string, unix, Date, Time, or Timestamp",
    },
    {
      name: "format",
      type: "string",
      defaultValue: "",
      importance: "medium",
      documentation:
        "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.",
      check: (value) => (value === "" ? undefined : validDateFormat(value)),
    },
    {
      name: "unix.precision",
      type: "string",
      defaultValue: "milliseconds",
      importance: "low",
      allowed: { values: ["nanoseconds", "microseconds", "milliseconds", "seconds"], caseInsensitive: false },
      documentation:
        "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.",
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const target = config.string("target.type") as TimestampType;
    const pattern = config.string("format");
    if (target === "string" && pattern.trim() === "") {
      throw new PluginConfigProblem(
        "format",
        "TimestampConverter requires format option to be specified when using string timestamps",
      );
    }
    const settings: TimestampSettings = {
      target,
      format: pattern.trim() === "" ? undefined : JavaDateFormat.compile(pattern),
      unixPrecision: config.string("unix.precision") as UnixPrecision,
    };
    return new TimestampConverter(
      config.string("field"),
      settings,
      config.boolean("replace.null.with.default"),
      side,
    );
  },
});

class TimestampConverter implements Transformation {
  constructor(
    private readonly field: string,
    private readonly settings: TimestampSettings,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {}

  apply(record: Record): Record {
    const schema = this.side.schemaOf(record);
    const value = this.side.valueOf(record);
    if (schema === undefined) {
      if (isNull(value) || this.field === "") {
        return this.side.with(record, undefined, convertTimestamp(value, undefined, this.settings));
      }
      const map = SchemalessMap.copyOf(requireMap(value, PURPOSE));
      map.set(this.field, convertTimestamp(map.get(this.field), undefined, this.settings));
      return this.side.with(record, undefined, map.toValue());
    }
    if (this.field === "") {
      return this.side.with(
        record,
        timestampSchema(this.settings.target, schema.optional),
        convertTimestamp(value, timestampTypeOf(schema), this.settings),
      );
    }
    const struct = isNull(value) ? undefined : requireStruct(value, PURPOSE);
    const updatedSchema = this.updatedSchema(schema);
    return this.side.with(record, updatedSchema, struct && this.convertStruct(struct, schema));
  }

  private updatedSchema(schema: Schema): Schema {
    const updated = withFields(
      { ...copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT), optional: schema.optional },
      schema.fields.map((field) => {
        const original = fieldSchema(field);
        return [
          field.name,
          field.name === this.field ? timestampSchema(this.settings.target, original.optional) : original,
        ] as const;
      }),
    );
    const defaultStruct =
      schema.defaultValue?.kind?.$case === "structValue" ? schema.defaultValue.kind.value : undefined;
    return defaultStruct === undefined
      ? updated
      : { ...updated, defaultValue: this.convertStruct(defaultStruct, schema) };
  }

  private convertStruct(struct: StructValue, schema: Schema): Value {
    return structValue(
      schema.fields.map((field) => {
        const original = fieldValue(struct, field, this.replaceNullWithDefault);
        if (field.name !== this.field) return [field.name, original] as const;
        return [
          field.name,
          convertTimestamp(original, timestampTypeOf(fieldSchema(field)), this.settings),
        ] as const;
      }),
    );
  }
}
