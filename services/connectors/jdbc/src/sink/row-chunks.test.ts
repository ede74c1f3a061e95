import { describe, expect, it } from "vitest";
import type { RowValues } from "./dml-statements.js";
import { approximateBytes, type ChunkLimits, chunkRows, keyText, lastPerKey } from "./row-chunks.js";

const WIDE: ChunkLimits = { maxRows: 1000, maxParams: 65_535, maxBytes: 4 * 1024 * 1024 };
const rows = (count: number, width: number): RowValues[] =>
  Array.from({ length: count }, (_, row) =>
    Array.from({ length: width }, (_, column) => row * width + column),
  );
const sizes = (chunks: unknown[][]) => chunks.map((chunk) => chunk.length);

describe("chunkRows", () => {
  it.each<[string, number, number, ChunkLimits, number[]]>([
    ["rows within every limit", 10, 3, WIDE, [10]],
    ["batch.size", 7, 1, { ...WIDE, maxRows: 3 }, [3, 3, 1]],
    ["batch.size 0 as one row a statement", 3, 1, { ...WIDE, maxRows: 0 }, [1, 1, 1]],
    ["PostgreSQL's parameter limit", 5, 4, { ...WIDE, maxParams: 10 }, [2, 2, 1]],
    ["65535 parameters of 3-column rows", 30_000, 3, { ...WIDE, maxRows: 30_000 }, [21_845, 8155]],
    ["the byte limit", 4, 1, { ...WIDE, maxBytes: 50 }, [2, 2]],
    ["a row over every limit, alone", 2, 20, { ...WIDE, maxParams: 10 }, [1, 1]],
    ["no rows", 0, 3, WIDE, []],
  ])("splits by %s", (_, count, width, limits, expected) => {
    expect(sizes(chunkRows(rows(count, width), (row) => row, limits))).toEqual(expected);
  });

  it("keeps the rows' order", () => {
    const all = rows(5, 1);
    expect(chunkRows(all, (row) => row, { ...WIDE, maxRows: 2 }).flat()).toEqual(all);
  });
});

describe("lastPerKey", () => {
  it("keeps the last row of each key, where it came", () => {
    const input = [
      { key: "a", n: 1 },
      { key: "b", n: 2 },
      { key: "a", n: 3 },
      { key: "c", n: 4 },
      { key: "b", n: 5 },
    ];
    expect(lastPerKey(input, (row) => row.key).map((row) => row.n)).toEqual([3, 4, 5]);
  });
});

describe("keyText", () => {
  it.each<[string, RowValues, RowValues, boolean]>([
    ["equal values", [1, "x", 9], [1, "x", 8], true],
    ["a number and its text", [1], ["1"], false],
    ["a null and the text null", [null], ["null"], false],
    ["values that join alike", ["a|b", "c"], ["a", "b|c"], false],
    ["equal bytes", [Buffer.from([1, 2])], [Buffer.from([1, 2])], true],
  ])("tells %s apart or not", (_, a, b, isSame) => {
    expect(keyText(a, [0, 1]) === keyText(b, [0, 1])).toBe(isSame);
  });
});

describe("approximateBytes", () => {
  it("counts text in UTF-8, bytes as hex and anything else as a number's width", () => {
    expect(approximateBytes(["é", Buffer.from([1, 2]), 5, null, true])).toBe(2 + 2 + 4 + 3 + 24 * 3);
  });
});
