import { type Schema, SchemaType } from "@connect-mesh/proto";

const PREFIX = "SCHEMA_TYPE_";
const LOGICAL_PREFIX = "org.apache.kafka.connect.data.";

/**
 * A schema's type as Connect names it in messages: "INT32", "STRUCT", or a logical type's short name
 * ("Decimal", "Timestamp"); "no schema" when there is none.
 */
export function schemaTypeName(schema: Schema | undefined): string {
  if (schema === undefined) return "no schema";
  if (schema.name.startsWith(LOGICAL_PREFIX)) return schema.name.slice(LOGICAL_PREFIX.length);
  const name = SchemaType[schema.type] ?? `type ${schema.type}`;
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}
