import { Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { FatalError } from "./errors.js";
import { fromValue, type PlainValue, toValue } from "./plain-value.js";

const throughTheWire = (value: Value): Value => Value.decode(Value.encode(value).finish());

describe("toValue and fromValue", () => {
  it.each<[string, PlainValue, PlainValue]>([
    ["null", null, null],
    ["a boolean", true, true],
    ["a safe integer number, which comes back as a bigint", 120, 120n],
    ["a 64-bit bigint", 2n ** 62n, 2n ** 62n],
    ["a fraction", 0.5, 0.5],
    ["a string", "a.txt", "a.txt"],
    ["a map of offsets", { filename: "a.txt", position: 7n }, { filename: "a.txt", position: 7n }],
    ["an array", [1n, "x", [null]], [1n, "x", [null]]],
  ])("round-trips %s through the wire", (_, plain, expected) => {
    expect(fromValue(throughTheWire(toValue(plain)))).toEqual(expected);
  });

  it("round-trips bytes", () => {
    expect(fromValue(toValue(new Uint8Array([1, 2, 3])))).toEqual(Buffer.from([1, 2, 3]));
  });

  it("reads an unset value as null", () => {
    expect(fromValue(undefined)).toBeNull();
  });

  it("refuses a map with keys that are not strings", () => {
    const value: Value = {
      kind: { $case: "mapValue", value: { entries: [{ key: toValue(1n), value: toValue("x") }] } },
    };
    expect(() => fromValue(value)).toThrow(FatalError);
  });
});
