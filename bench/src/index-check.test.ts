import { describe, expect, it } from "vitest";
import { checkIndex } from "./index-check.js";

const ids = (count: number, min: number, max: number, sum: number) => ({ count, min, max, sum });

describe("checkIndex", () => {
  it("passes an index with exactly the records' documents and their ids", () => {
    expect(checkIndex(4, 4, ids(4, 1, 4, 10))).toEqual({
      isOk: true,
      method: "count + id sum",
      detail: "4 documents, ids 1 to 4 adding up to 10",
    });
  });

  it.each([
    ["a record lost", 3, ids(3, 1, 4, 9), /counts 3 documents for 4 records/],
    ["a document too many", 5, ids(5, 1, 4, 11), /counts 5 documents for 4 records/],
    ["an id twice and one missing", 4, ids(4, 1, 4, 9), /ids are 4 from 1 to 4 adding up to 9, not 4 from 1/],
    ["documents without their id", 4, ids(2, 1, 2, 3), /ids are 2 from 1 to 2/],
  ])("fails %s, saying what it found", (_, count, found, detail) => {
    const verification = checkIndex(4, count, found);
    expect(verification.isOk).toBe(false);
    expect(verification.detail).toMatch(detail);
  });
});
