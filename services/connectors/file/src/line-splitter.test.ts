import { FatalError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { type Line, LineSplitter } from "./line-splitter.js";

/** Feeds the chunks one by one and returns every line they complete. */
function split(chunks: readonly string[], startPosition = 0): Line[] {
  const splitter = new LineSplitter(startPosition, 1024);
  return chunks.flatMap((chunk) => splitter.push(Buffer.from(chunk, "utf8")));
}

describe("LineSplitter.push", () => {
  it.each<[string, string[], Line[]]>([
    [
      "\\n endings",
      ["a\nbc\n"],
      [
        { text: "a", end: 2 },
        { text: "bc", end: 5 },
      ],
    ],
    [
      "\\r\\n endings",
      ["a\r\nb\r\n"],
      [
        { text: "a", end: 3 },
        { text: "b", end: 6 },
      ],
    ],
    [
      "a lone \\r, which Connect also ends a line with",
      ["a\rb\n"],
      [
        { text: "a", end: 2 },
        { text: "b", end: 4 },
      ],
    ],
    [
      "empty lines",
      ["\n\r\n\n"],
      [
        { text: "", end: 1 },
        { text: "", end: 3 },
        { text: "", end: 4 },
      ],
    ],
    ["a line split across chunks", ["ab", "c", "d\n"], [{ text: "abcd", end: 5 }]],
    [
      "\\r\\n split across chunks",
      ["a\r", "\nb\n"],
      [
        { text: "a", end: 3 },
        { text: "b", end: 5 },
      ],
    ],
    [
      "a lone \\r at a chunk's end",
      ["a\r", "b\n"],
      [
        { text: "a", end: 2 },
        { text: "b", end: 4 },
      ],
    ],
    [
      "multi-byte text, counting bytes",
      ["é€\n", "😀\n"],
      [
        { text: "é€", end: 6 },
        { text: "😀", end: 11 },
      ],
    ],
  ])("splits %s", (_, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });

  it("holds a partial last line until its terminator arrives", () => {
    const splitter = new LineSplitter(0, 1024);
    expect(splitter.push(Buffer.from("done\npart"))).toEqual([{ text: "done", end: 5 }]);
    expect(splitter.position).toBe(5);
    expect(splitter.push(Buffer.from("ial"))).toEqual([]);
    expect(splitter.push(Buffer.from("\n"))).toEqual([{ text: "partial", end: 13 }]);
  });

  it("holds a \\r at the end of what was read, since a \\n may follow", () => {
    const splitter = new LineSplitter(0, 1024);
    expect(splitter.push(Buffer.from("a\r"))).toEqual([]);
    expect(splitter.push(Buffer.alloc(0))).toEqual([]);
    expect(splitter.push(Buffer.from("\n"))).toEqual([{ text: "a", end: 3 }]);
  });

  it("counts positions from where reading started", () => {
    expect(split(["x\n"], 100)).toEqual([{ text: "x", end: 102 }]);
  });

  it("copies what it holds, so the caller may reuse its read buffer", () => {
    const splitter = new LineSplitter(0, 1024);
    const buffer = Buffer.from("abc");
    splitter.push(buffer);
    buffer.write("xyz");
    expect(splitter.push(Buffer.from("\n"))).toEqual([{ text: "abc", end: 4 }]);
  });

  it("refuses a line longer than the limit rather than growing without bound", () => {
    const splitter = new LineSplitter(0, 8);
    splitter.push(Buffer.from("12345"));
    expect(() => splitter.push(Buffer.from("6789"))).toThrow(FatalError);
  });
});
