import { sourceRowValues } from "./jdbc-table-rows.js";

/**
 * The records row F indexes: row E's table rows (the same values for the same id), as Kafka Connect's
 * JsonConverter with schemas writes a struct: `{"schema": ..., "payload": ...}`. The value schema gives the
 * sink its index mapping (id an integer, name text with a keyword sub-field, amount a double, created_at a
 * date), as Confluent's connector makes one with schema.ignore=false.
 */

/** The struct's schema as JsonConverter writes it; the same for every record, so written once. */
const SCHEMA_JSON = JSON.stringify({
  type: "struct",
  name: "bench.customer",
  optional: false,
  fields: [
    { field: "id", type: "int32", optional: false },
    { field: "name", type: "string", optional: false },
    { field: "amount", type: "double", optional: false },
    {
      field: "created_at",
      type: "int64",
      optional: false,
      name: "org.apache.kafka.connect.data.Timestamp",
      version: 1,
    },
  ],
});

/** The value of record `id` (1 to N): its schema and its payload, as JSON text. */
export function searchDocumentValue(id: number): string {
  const [name, amount, createdAt] = sourceRowValues(id);
  // sourceRowValues writes MariaDB's DATETIME text in UTC; the Timestamp travels as epoch milliseconds.
  const createdAtMs = Date.parse(`${createdAt.replace(" ", "T")}Z`);
  // amount is decimal text with two places, which is a JSON number as it stands.
  const payload = `{"id":${id},"name":${JSON.stringify(name)},"amount":${amount},"created_at":${createdAtMs}}`;
  return `{"schema":${SCHEMA_JSON},"payload":${payload}}`;
}

/** The sum of the ids 1 to `documents`, which the index's ids must add up to. */
export function expectedIdSum(documents: number): number {
  return (documents * (documents + 1)) / 2;
}
