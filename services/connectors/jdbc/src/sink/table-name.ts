import { FatalError } from "@connect-mesh/connector-sdk";
import type { TableName } from "../connection/table-name.js";

/** The placeholder `table.name.format` replaces with the record's topic, as Confluent spells it. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Confluent's placeholder, meant literally.
export const TOPIC_PLACEHOLDER = "${topic}";

/**
 * The table a record of `topic` goes to: `table.name.format` with every `${topic}` replaced by the topic.
 * As in Confluent's connector, a name with a dot is qualified, "schema.table" (the PostgreSQL schema or the
 * MySQL database); a name without one is in the connection's default schema. A name with two dots or more
 * (Confluent's catalog.schema.table, which MySQL cannot address) is refused, as is an empty part.
 */
export function tableNameFor(format: string, topic: string, defaultSchema: string): TableName {
  const name = format.replaceAll(TOPIC_PLACEHOLDER, topic);
  const parts = name.split(".");
  const [first = "", second] = parts;
  if (parts.length > 2 || parts.some((part) => part === "")) {
    throw new FatalError(
      `table name "${name}" (table.name.format "${format}" for topic "${topic}") must be "table" or ` +
        `"schema.table"; change table.name.format, or rename the topic with a RegexRouter transform`,
    );
  }
  return second === undefined ? { schema: defaultSchema, name: first } : { schema: first, name: second };
}
