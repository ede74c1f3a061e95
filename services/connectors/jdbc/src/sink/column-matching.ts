import type { TableColumn } from "../schema/result-column.js";
import type { SinkField } from "./record-fields.js";

/** Which of a table's columns each field goes to. */
export interface ColumnMatch {
  /** The column for each field, in the fields' order; undefined where the table has none. */
  readonly columns: readonly (TableColumn | undefined)[];
  /** The fields the table has no column for. */
  readonly missing: readonly SinkField[];
}

/**
 * Matches fields to a table's columns by name: exactly, or else ignoring case when just one column matches
 * that way (as Confluent's connector finds them, so a field "Id" writes the column PostgreSQL folded to
 * "id"). Statements then use the column's own name.
 */
export function matchColumns(fields: readonly SinkField[], columns: readonly TableColumn[]): ColumnMatch {
  const exact = new Map(columns.map((column) => [column.name, column]));
  const folded = new Map<string, TableColumn[]>();
  for (const column of columns) {
    const key = column.name.toLowerCase();
    folded.set(key, [...(folded.get(key) ?? []), column]);
  }
  const matched = fields.map((field) => {
    const found = exact.get(field.name);
    if (found !== undefined) return found;
    const candidates = folded.get(field.name.toLowerCase()) ?? [];
    return candidates.length === 1 ? candidates[0] : undefined;
  });
  return { columns: matched, missing: fields.filter((_, index) => matched[index] === undefined) };
}
