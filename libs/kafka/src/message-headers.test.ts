import { describe, expect, it } from "vitest";
import { headerBytesOf, headerValuesOf, lastHeaderText, messageHeadersOf } from "./message-headers.js";

describe("messageHeadersOf", () => {
  it("gives a key with one value that value, and a repeated key its values in order", () => {
    expect(messageHeadersOf({ one: [Buffer.from("a")], two: [Buffer.from("b"), Buffer.from("c")] })).toEqual({
      one: Buffer.from("a"),
      two: [Buffer.from("b"), Buffer.from("c")],
    });
  });

  it("gives no headers for no keys", () => {
    expect(messageHeadersOf({})).toEqual({});
  });
});

describe("headerValuesOf", () => {
  it.each([
    ["one value", Buffer.from("a"), [Buffer.from("a")]],
    ["a repeated key", ["a", Buffer.from("b")], ["a", Buffer.from("b")]],
    ["a header without a value", null, [null]],
  ])("lists the values of %s", (_, value, expected) => {
    expect(headerValuesOf(value)).toEqual(expected);
  });
});

describe("headerBytesOf", () => {
  it.each([
    ["bytes as they are", Buffer.from([0xff, 0x00]), Buffer.from([0xff, 0x00])],
    ["text as UTF-8", "é", Buffer.from([0xc3, 0xa9])],
    ["no value as null", null, null],
    ["a missing value as null", undefined, null],
  ])("gives %s", (_, value, expected) => {
    expect(headerBytesOf(value)).toEqual(expected);
  });
});

describe("lastHeaderText", () => {
  it.each([
    ["a single value", { h: Buffer.from("x") }, "x"],
    ["the last of a repeated key", { h: [Buffer.from("x"), "y"] }, "y"],
    ["nothing for a missing header", { other: "x" }, undefined],
    ["nothing for a header without a value", { h: null as unknown as undefined }, undefined],
    ["nothing for a repeated key with no values", { h: [] }, undefined],
    ["nothing without headers", undefined, undefined],
  ])("reads %s", (_, headers, expected) => {
    expect(lastHeaderText(headers, "h")).toBe(expected);
  });
});
