import { describe, expect, it } from "vitest";
import { idChunks, sourceRowValues } from "./jdbc-table-rows.js";

describe("sourceRowValues", () => {
  it("gives a row's values in the text MariaDB takes for VARCHAR, DECIMAL(10,2) and DATETIME(3)", () => {
    expect(sourceRowValues(1)).toEqual(["customer 1, São Paulo", "79.19", "2026-01-01 00:00:01.001"]);
  });

  it("is a function of the id alone, so every run copies the same data", () => {
    expect(sourceRowValues(12_345)).toEqual(sourceRowValues(12_345));
  });

  it.each([1, 126, 99_999, 100_000, 1_000_000])("keeps row %i's amount within DECIMAL(10,2)", (id) => {
    expect(sourceRowValues(id)[1]).toMatch(/^\d{1,4}\.\d{2}$/);
  });

  it("varies the milliseconds, so a copy that drops them is caught", () => {
    expect(new Set([1, 2, 3].map((id) => sourceRowValues(id)[2].slice(-3))).size).toBe(3);
  });
});

describe("idChunks", () => {
  it("covers 1 to the total in chunks of at most the given size", () => {
    expect(idChunks(12, 5)).toEqual([
      [1, 5],
      [6, 10],
      [11, 12],
    ]);
  });

  it("is empty for no rows", () => {
    expect(idChunks(0, 5)).toEqual([]);
  });
});
