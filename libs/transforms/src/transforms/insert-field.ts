import { DataError, LogicalTimestamp } from "@connect-mesh/data";
import { type Record, type Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldSchema, plainSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { intValue, isNull, stringValue, structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";

const PURPOSE = "field insertion";
const OPTIONALITY_DOC =
  "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).";

/** A field to insert: its name, and whether its schema is optional (`name?`, the default) or required (`name!`). */
interface Insertion {
  readonly name: string;
  readonly optional: boolean;
}

function insertion(spec: string | undefined): Insertion | undefined {
  if (spec === undefined) return undefined;
  if (spec.endsWith("?")) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith("!")) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

const fieldKey = (name: string, documentation: string) =>
  ({ name, type: "string", defaultValue: null, importance: "medium", documentation }) as const;

/**
 * InsertField: adds fields from the record's metadata (topic, partition, offset, timestamp) or a static
 * string to the key or value. Null passes through. The offset exists only for records read from Kafka.
 */
export const INSERT_FIELD = keyValueTransformDefs("InsertField", {
  documentation: "Insert field(s) using attributes from the record metadata or a configured static value.",
  keys: [
    fieldKey("topic.field", `Field name for Kafka topic. ${OPTIONALITY_DOC}`),
    fieldKey("partition.field", `Field name for Kafka partition. ${OPTIONALITY_DOC}`),
    fieldKey(
      "offset.field",
      `Field name for Kafka offset - only applicable to sink connectors.<br/>${OPTIONALITY_DOC}`,
    ),
    fieldKey("timestamp.field", `Field name for record timestamp. ${OPTIONALITY_DOC}`),
    fieldKey("static.field", `Field name for static data field. ${OPTIONALITY_DOC}`),
    fieldKey("static.value", "Static field value, if field name configured."),
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const fields: InsertFields = {
      topic: insertion(config.optionalString("topic.field")),
      partition: insertion(config.optionalString("partition.field")),
      offset: insertion(config.optionalString("offset.field")),
      timestamp: insertion(config.optionalString("timestamp.field")),
      static: insertion(config.optionalString("static.field")),
    };
    const staticValue = config.optionalString("static.value");
    if (Object.values(fields).every((f) => f === undefined)) {
      throw new PluginConfigProblem(undefined, "No field insertion configured");
    }
    if (fields.static !== undefined && staticValue === undefined) {
      throw new PluginConfigProblem(
        "static.value",
        `Invalid value null for configuration {key}: No value specified for static field: ${fields.static.name}`,
      );
    }
    return new InsertField(fields, staticValue ?? "", config.boolean("replace.null.with.default"), side);
  },
});

interface InsertFields {
  readonly topic: Insertion | undefined;
  readonly partition: Insertion | undefined;
  readonly offset: Insertion | undefined;
  readonly timestamp: Insertion | undefined;
  readonly static: Insertion | undefined;
}

class InsertField implements Transformation {
  constructor(
    private readonly fields: InsertFields,
    private readonly staticValue: string,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {}

  apply(record: Record): Record {
    const value = this.side.valueOf(record);
    if (isNull(value)) return record;
    const schema = this.side.schemaOf(record);
    const inserted = this.insertedValues(record);
    if (schema === undefined) {
      const map = SchemalessMap.copyOf(requireMap(value, PURPOSE));
      for (const [name, v] of inserted) map.set(name, v);
      return this.side.with(record, undefined, map.toValue());
    }
    const struct = requireStruct(value, PURPOSE);
    const values = new Map<string, Value | undefined>(
      schema.fields.map((field) => [field.name, fieldValue(struct, field, this.replaceNullWithDefault)]),
    );
    for (const [name, v] of inserted) values.set(name, v);
    const updatedSchema = this.updatedSchema(schema);
    return this.side.with(
      record,
      updatedSchema,
      structValue(updatedSchema.fields.map((field) => [field.name, values.get(field.name)] as const)),
    );
  }

  /** The fields to set, in Connect's order; the partition and timestamp only when the record has them. */
  private insertedValues(record: Record): Array<readonly [string, Value]> {
    const { topic, partition, offset, timestamp } = this.fields;
    const out: Array<readonly [string, Value]> = [];
    if (topic) out.push([topic.name, stringValue(record.topic)]);
    const kafkaPartition = record.kafkaPartition ?? record.kafkaPosition?.partition;
    if (partition && kafkaPartition !== undefined)
      out.push([partition.name, intValue(BigInt(kafkaPartition))]);
    if (offset) {
      if (record.kafkaPosition === undefined) {
        throw new DataError(
          `Only SinkRecord supported for [${PURPOSE}], found: a source record (it has no Kafka offset)`,
        );
      }
      out.push([offset.name, intValue(record.kafkaPosition.offset)]);
    }
    // A Timestamp with a schema, a plain long without: both carry the milliseconds.
    if (timestamp && record.timestampMs !== undefined)
      out.push([timestamp.name, intValue(record.timestampMs)]);
    if (this.fields.static) out.push([this.fields.static.name, stringValue(this.staticValue)]);
    return out;
  }

  private updatedSchema(schema: Schema): Schema {
    const { topic, partition, offset, timestamp } = this.fields;
    const added: Array<readonly [string, Schema]> = [];
    if (topic) added.push([topic.name, plainSchema(SchemaType.SCHEMA_TYPE_STRING, topic.optional)]);
    if (partition)
      added.push([partition.name, plainSchema(SchemaType.SCHEMA_TYPE_INT32, partition.optional)]);
    if (offset) added.push([offset.name, plainSchema(SchemaType.SCHEMA_TYPE_INT64, offset.optional)]);
    if (timestamp) added.push([timestamp.name, LogicalTimestamp.schema({ optional: timestamp.optional })]);
    if (this.fields.static) {
      added.push([
        this.fields.static.name,
        plainSchema(SchemaType.SCHEMA_TYPE_STRING, this.fields.static.optional),
      ]);
    }
    const names = new Set(schema.fields.map((field) => field.name));
    for (const [name] of added) {
      if (names.has(name))
        throw new DataError(`Cannot create field because of field name duplication ${name}`);
      names.add(name);
    }
    return withFields(copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT), [
      ...schema.fields.map((field) => [field.name, fieldSchema(field)] as const),
      ...added,
    ]);
  }
}
