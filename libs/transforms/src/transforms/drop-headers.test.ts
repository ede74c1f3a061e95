import { describe, expect, it } from "vitest";
import { record, type s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const h = (key: string, value?: ReturnType<typeof v.str>, schema?: ReturnType<typeof s.string>) => ({
  key,
  value,
  schema,
});

describe("DropHeaders", () => {
  it("drops every header with a listed key and keeps the rest in order", () => {
    const r = record({
      headers: [h("a", v.str("1")), h("b", v.str("2")), h("a", v.str("3")), h("c", v.str("4"))],
    });
    expect(smt("org.apache.kafka.connect.transforms.DropHeaders", { headers: "a,c" })(r)).toEqual(
      record({ headers: [h("b", v.str("2"))] }),
    );
  });

  it("requires a non-empty list", () => {
    expect(
      validateTransformConfig({
        transforms: "t",
        "transforms.t.type": "DropHeaders",
        "transforms.t.headers": "",
      }),
    ).toEqual([
      {
        key: "transforms.t.headers",
        message: "Invalid value [] for configuration transforms.t.headers: Empty list",
      },
    ]);
  });
});
