import { Schema, SchemaType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { TableColumn } from "../schema/result-column.js";
import { matchColumns } from "./column-matching.js";
import type { SinkField } from "./record-fields.js";

const field = (name: string): SinkField => ({
  name,
  schema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_STRING }),
  isKey: false,
});
const column = (name: string): TableColumn => ({
  name,
  isNullable: true,
  isAutoIncrement: false,
  isPrimaryKey: false,
  dataType: "text",
});

describe("matchColumns", () => {
  it.each<[string, string[], string[], (string | undefined)[], string[]]>([
    ["exact names", ["id", "name"], ["name", "id"], ["id", "name"], []],
    ["a name in another case", ["Id"], ["id"], ["id"], []],
    ["the exact name before another case", ["id"], ["ID", "id"], ["id"], []],
    ["two columns that differ only in case: no guess", ["Id"], ["ID", "id"], [undefined], ["Id"]],
    ["a missing column", ["id", "extra"], ["id"], ["id", undefined], ["extra"]],
  ])("matches %s", (_, fields, columns, matched, missing) => {
    const match = matchColumns(fields.map(field), columns.map(column));
    expect(match.columns.map((c) => c?.name)).toEqual(matched);
    expect(match.missing.map((f) => f.name)).toEqual(missing);
  });
});
