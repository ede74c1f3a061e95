import { toValue } from "@connect-mesh/connector-sdk";
import type { Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { renderValue } from "./render-value.js";

const struct = (fields: Record<string, Value>): Value => ({
  kind: {
    $case: "structValue",
    value: { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) },
  },
});

describe("renderValue", () => {
  it.each<[string, Value | undefined, string]>([
    ["no value (a tombstone)", undefined, "null"],
    ["null", toValue(null), "null"],
    ["a string, as it is", toValue("hello, world"), "hello, world"],
    ["a boolean", toValue(true), "true"],
    ["an integer", toValue(42n), "42"],
    ["a whole double, as Java prints it", { kind: { $case: "floatValue", value: 2 } }, "2.0"],
    ["a fraction", toValue(0.25), "0.25"],
    ["an array, as Java's List", toValue(["a", 1n]), "[a, 1]"],
    ["a map, as Java's Map", toValue({ k: "v", n: 2n }), "{k=v, n=2}"],
    [
      "a struct, as Connect's Struct, without null fields",
      struct({ id: toValue(1n), name: toValue("x"), gone: toValue(null) }),
      "Struct{id=1,name=x}",
    ],
    ["bytes, as Base64", toValue(new Uint8Array([1, 2, 255])), "AQL/"],
  ])("renders %s", (_, value, expected) => {
    expect(renderValue(value)).toBe(expected);
  });
});
