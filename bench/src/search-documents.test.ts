import { describe, expect, it } from "vitest";
import { sourceRowValues } from "./jdbc-table-rows.js";
import { expectedIdSum, searchDocumentValue } from "./search-documents.js";

describe("searchDocumentValue", () => {
  it("writes row E's row of the same id as a JsonConverter struct with its schema", () => {
    const value = JSON.parse(searchDocumentValue(7)) as {
      schema: { type: string; fields: { field: string; type: string; name?: string }[] };
      payload: Record<string, unknown>;
    };
    const [name, amount] = sourceRowValues(7);
    expect(value.schema.type).toBe("struct");
    expect(value.schema.fields.map((f) => [f.field, f.type, f.name])).toEqual([
      ["id", "int32", undefined],
      ["name", "string", undefined],
      ["amount", "double", undefined],
      ["created_at", "int64", "org.apache.kafka.connect.data.Timestamp"],
    ]);
    expect(value.payload).toEqual({
      id: 7,
      name,
      amount: Number(amount),
      // 2026-01-01T00:00:00Z plus 7 steps of 1.001 s.
      created_at: Date.UTC(2026, 0, 1) + 7 * 1_001,
    });
  });

  it.each([1, 100, 99_999])("writes JSON that reads back for id %i, letters beyond ASCII included", (id) => {
    expect(() => JSON.parse(searchDocumentValue(id))).not.toThrow();
  });
});

describe("expectedIdSum", () => {
  it.each([
    [1, 1],
    [4, 10],
    [100_000, 5_000_050_000],
  ])("adds up the ids 1 to %i", (documents, sum) => {
    expect(expectedIdSum(documents)).toBe(sum);
  });
});
