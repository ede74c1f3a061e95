import { describe, expect, it } from "vitest";
import { markdownTable } from "./markdown-table.js";

describe("markdownTable", () => {
  it("pads every column to its widest cell", () => {
    expect(
      markdownTable(
        ["row", "records/s"],
        [
          ["A", "1,000"],
          ["D", "12"],
        ],
      ),
    ).toEqual(["| row | records/s |", "| --- | --------- |", "| A   | 1,000     |", "| D   | 12        |"]);
  });

  it("counts characters, not UTF-16 units, and escapes pipes", () => {
    expect(markdownTable(["a"], [["≥ 1.5"], ["x|y"]])).toEqual([
      "| a     |",
      "| ----- |",
      "| ≥ 1.5 |",
      "| x\\|y  |",
    ]);
  });
});
