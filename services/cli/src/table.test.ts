import { describe, expect, it } from "vitest";
import { formatTable } from "./table.js";

describe("formatTable", () => {
  it("pads each column to its widest cell and leaves the last one unpadded", () => {
    expect(
      formatTable([
        ["NAME", "STATE", "X"],
        ["a-long-name", "RUNNING", "1"],
        ["b", "FAILED", "22"],
      ]),
    ).toEqual(["NAME         STATE    X", "a-long-name  RUNNING  1", "b            FAILED   22"]);
  });

  it("gives no lines for no rows", () => {
    expect(formatTable([])).toEqual([]);
  });
});
