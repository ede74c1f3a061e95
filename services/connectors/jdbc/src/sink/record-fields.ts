import { FatalError } from "@connect-mesh/connector-sdk";
import { type Record as ConnectRecord, Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { schemaTypeName } from "./schema-type-name.js";
import { DEFAULT_KAFKA_PK_NAMES, type PkMode } from "./sink-config.js";

/** One column a record fills, named as the record names it, with the Connect schema its value follows. */
export interface SinkField {
  readonly name: string;
  readonly schema: Schema;
  /** Part of the primary key, as `pk.mode` and `pk.fields` choose it. */
  readonly isKey: boolean;
}

/** What one record asks of its table: the row to write, or, for a tombstone, the key of the row to delete. */
export interface RecordFields {
  readonly isDelete: boolean;
  /** In Confluent's column order: the default Kafka key columns, the value's fields, then other keys by name. */
  readonly fields: readonly SinkField[];
  /** Each field's value, in the order of `fields`; undefined where the record has none (null, or the default). */
  readonly values: readonly (Value | undefined)[];
}

/** The keys that decide which fields a record writes. */
export interface FieldSettings {
  readonly pkMode: PkMode;
  readonly pkFields: readonly string[];
  readonly fieldsWhitelist: readonly string[];
  readonly deleteEnabled: boolean;
}

interface Column {
  readonly field: SinkField;
  readonly value: Value | undefined;
}

const PRIMITIVE_TYPES: ReadonlySet<SchemaType> = new Set([
  SchemaType.SCHEMA_TYPE_INT8,
  SchemaType.SCHEMA_TYPE_INT16,
  SchemaType.SCHEMA_TYPE_INT32,
  SchemaType.SCHEMA_TYPE_INT64,
  SchemaType.SCHEMA_TYPE_FLOAT32,
  SchemaType.SCHEMA_TYPE_FLOAT64,
  SchemaType.SCHEMA_TYPE_BOOLEAN,
  SchemaType.SCHEMA_TYPE_STRING,
  SchemaType.SCHEMA_TYPE_BYTES,
]);

/**
 * The columns one record writes, as Confluent's sink extracts them (its FieldsMetadata): the key columns
 * that `pk.mode` and `pk.fields` choose, then the value's other fields, filtered by `fields.whitelist`. A
 * tombstone (a null value) with `delete.enabled` gives its key columns only. Throws a FatalError, without a
 * record index (the caller knows it), for a record the sink cannot write: a value that is not a STRUCT with
 * a schema, a tombstone without `delete.enabled`, a key `pk.mode` needs but the record lacks.
 */
export function recordFields(record: ConnectRecord, settings: FieldSettings): RecordFields {
  if (isNull(record.value)) {
    if (!settings.deleteEnabled) {
      throw new FatalError(
        "the record's value is null (a tombstone), which the sink writes as a DELETE only with " +
          "delete.enabled=true and pk.mode=record_key; enable deletes, or drop tombstones before the sink",
      );
    }
    const key = keyColumns(record, settings, undefined);
    return shaped(key, undefined, true);
  }
  const value = valueStruct(record, settings.pkMode);
  const key = keyColumns(record, settings, value);
  const keyNames = new Set(key.map((column) => column.field.name));
  const whitelist = new Set(settings.fieldsWhitelist);
  const others = value.schema.fields
    .filter((field) => !keyNames.has(field.name) && (whitelist.size === 0 || whitelist.has(field.name)))
    .map((field) => ({
      field: { name: field.name, schema: fieldSchema(field.schema, field.name), isKey: false },
      value: value.values.get(field.name),
    }));
  const columns = [...key, ...others];
  if (columns.length === 0) {
    throw new FatalError(
      "the record has no fields to write: its value struct has none (or fields.whitelist keeps none) " +
        "and pk.mode gives no key; check fields.whitelist",
    );
  }
  return shaped(columns, value.schema, false);
}

interface StructOf {
  readonly schema: Schema;
  readonly values: ReadonlyMap<string, Value | undefined>;
}

function valueStruct(record: ConnectRecord, pkMode: PkMode): StructOf {
  const schema = record.valueSchema;
  if (schema === undefined) {
    throw new FatalError(
      `the record's value has no schema, but the JDBC sink (pk.mode=${pkMode}) needs a STRUCT with a schema ` +
        "to know its columns; use a converter that carries schemas (JsonConverter with " +
        "value.converter.schemas.enable=true, Avro, Protobuf)",
    );
  }
  if (schema.type !== SchemaType.SCHEMA_TYPE_STRUCT) {
    throw new FatalError(
      `the record's value schema is ${schemaTypeName(schema)}, but the JDBC sink needs a STRUCT, one field a ` +
        "column; wrap the value in a struct (e.g. with the HoistField transform)",
    );
  }
  return { schema, values: structValues(record.value, "value") };
}

function structValues(value: Value | undefined, what: string): Map<string, Value | undefined> {
  if (value?.kind?.$case !== "structValue") {
    throw new FatalError(
      `the record's ${what} schema is a STRUCT, but its ${what} is ${value?.kind?.$case ?? "null"}; ` +
        "check the producer and converter",
    );
  }
  return new Map(value.kind.value.fields.map((field) => [field.name, field.value]));
}

function keyColumns(record: ConnectRecord, settings: FieldSettings, value: StructOf | undefined): Column[] {
  switch (settings.pkMode) {
    case "none":
      return [];
    case "kafka":
      return kafkaColumns(record, settings.pkFields);
    case "record_key":
      return recordKeyColumns(record, settings.pkFields);
    case "record_value":
      return recordValueColumns(value, settings.pkFields);
  }
}

function kafkaColumns(record: ConnectRecord, pkFields: readonly string[]): Column[] {
  const names = pkFields.length === 0 ? DEFAULT_KAFKA_PK_NAMES : pkFields;
  const [topic, partition, offset] = names;
  if (names.length !== 3 || topic === undefined || partition === undefined || offset === undefined) {
    throw new FatalError(
      `pk.mode is 'kafka', so pk.fields must name no columns or exactly 3, not ${names.length}; fix pk.fields`,
    );
  }
  const position = record.kafkaPosition;
  if (position === undefined) {
    throw new FatalError("the record has no Kafka position, which pk.mode=kafka writes as its key");
  }
  const key = (name: string, type: SchemaType, value: Value) => ({
    field: { name, schema: Schema.fromPartial({ type }), isKey: true },
    value,
  });
  return [
    key(topic, SchemaType.SCHEMA_TYPE_STRING, { kind: { $case: "stringValue", value: record.topic } }),
    key(partition, SchemaType.SCHEMA_TYPE_INT32, {
      kind: { $case: "intValue", value: BigInt(position.partition) },
    }),
    key(offset, SchemaType.SCHEMA_TYPE_INT64, { kind: { $case: "intValue", value: position.offset } }),
  ];
}

function recordKeyColumns(record: ConnectRecord, pkFields: readonly string[]): Column[] {
  const schema = record.keySchema;
  if (schema === undefined || isNull(record.key)) {
    throw new FatalError(
      `pk.mode is 'record_key', but the record's key is ${isNull(record.key) ? "null" : "without a schema"}; ` +
        "produce keys with a schema (a key converter that carries schemas), or choose another pk.mode",
    );
  }
  if (PRIMITIVE_TYPES.has(schema.type)) {
    const [name] = pkFields;
    if (pkFields.length !== 1 || name === undefined) {
      throw new FatalError(
        `the record's key is a primitive ${schemaTypeName(schema)}, so pk.fields must name exactly one ` +
          `column for it, not [${pkFields.join(",")}]; set pk.fields to that column's name`,
      );
    }
    return [{ field: { name, schema, isKey: true }, value: record.key }];
  }
  if (schema.type !== SchemaType.SCHEMA_TYPE_STRUCT) {
    throw new FatalError(
      `the record's key schema is ${schemaTypeName(schema)}, but pk.mode=record_key needs a primitive or a ` +
        "STRUCT key; change the key, or choose another pk.mode",
    );
  }
  const values = structValues(record.key, "key");
  return pickFields(schema, pkFields, "key").map((field) => ({
    field: { name: field.name, schema: fieldSchema(field.schema, field.name), isKey: true },
    value: values.get(field.name),
  }));
}

function recordValueColumns(value: StructOf | undefined, pkFields: readonly string[]): Column[] {
  // A tombstone with pk.mode=record_value never gets here: deletes need record_key (sinkConfigProblems).
  if (value === undefined) {
    throw new FatalError("pk.mode is 'record_value', but the record's value is null; it has no key to write");
  }
  return pickFields(value.schema, pkFields, "value").map((field) => ({
    field: { name: field.name, schema: fieldSchema(field.schema, field.name), isKey: true },
    value: value.values.get(field.name),
  }));
}

/** The fields `pk.fields` names, in its order, or every field of the struct when it names none. */
function pickFields(schema: Schema, pkFields: readonly string[], what: string) {
  if (pkFields.length === 0) return schema.fields;
  return pkFields.map((name) => {
    const field = schema.fields.find((candidate) => candidate.name === name);
    if (field === undefined) {
      throw new FatalError(
        `pk.fields names "${name}", but the record's ${what} struct has no such field (it has ` +
          `${schema.fields.map((f) => f.name).join(", ") || "none"}); fix pk.fields`,
      );
    }
    return field;
  });
}

function fieldSchema(schema: Schema | undefined, name: string): Schema {
  if (schema === undefined) throw new FatalError(`field "${name}" of the record has no schema`);
  return schema;
}

/**
 * Confluent's column order: the default Kafka key columns, then the value's fields in their order, then any
 * other columns (a record key's fields, custom Kafka key names) sorted by name.
 */
function shaped(
  columns: readonly Column[],
  valueSchema: Schema | undefined,
  isDelete: boolean,
): RecordFields {
  const byName = new Map(columns.map((column) => [column.field.name, column]));
  const ordered: Column[] = [];
  const take = (name: string) => {
    const column = byName.get(name);
    if (column === undefined) return;
    ordered.push(column);
    byName.delete(name);
  };
  for (const name of DEFAULT_KAFKA_PK_NAMES) take(name);
  for (const field of valueSchema?.fields ?? []) take(field.name);
  for (const name of [...byName.keys()].sort()) take(name);
  return {
    isDelete,
    fields: ordered.map((column) => column.field),
    values: ordered.map((column) => column.value),
  };
}

/** Whether a value is Connect's null: absent, with no kind, or an explicit null. */
export function isNull(value: Value | undefined): boolean {
  return value?.kind === undefined || value.kind.$case === "nullValue";
}
