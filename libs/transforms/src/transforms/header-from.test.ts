import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const h = (key: string, value?: ReturnType<typeof v.str>, schema?: ReturnType<typeof s.string>) => ({
  key,
  value,
  schema,
});

describe("HeaderFrom", () => {
  const schema = s.struct(
    [
      ["id", s.int32()],
      ["user", s.string({ optional: true, defaultValue: v.str("anon") })],
      ["body", s.string()],
    ],
    { name: "com.example.Event", optional: true },
  );
  const value = v.struct({ id: v.int(1), user: v.null(), body: v.str("hi") });

  it("copies fields into headers with their schemas, reading nulls as defaults", () => {
    const out = smt("HeaderFrom$Value", { fields: "id,user", headers: "x-id,x-user", operation: "copy" })(
      record({ valueSchema: schema, value, headers: [h("first")] }),
    );
    expect(out).toEqual(
      record({
        valueSchema: schema,
        value,
        headers: [
          h("first"),
          h("x-id", v.int(1), s.int32()),
          h("x-user", v.str("anon"), s.string({ optional: true, defaultValue: v.str("anon") })),
        ],
      }),
    );
  });

  it("moves fields out of the value, rebuilding its schema as Connect does", () => {
    const out = smt("HeaderFrom$Value", { fields: "id", headers: "x-id", operation: "move" })(
      record({ valueSchema: schema, value }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct(
          [
            ["user", s.string({ optional: true, defaultValue: v.str("anon") })],
            ["body", s.string()],
          ],
          { name: "com.example.Event" },
        ),
        value: v.struct({ user: v.str("anon"), body: v.str("hi") }),
        headers: [h("x-id", v.int(1), s.int32())],
      }),
    );
  });

  it("moves map entries without a schema, a missing one as a null header", () => {
    const out = smt("HeaderFrom$Key", { fields: "a,zz", headers: "ha,hz", operation: "move" })(
      record({ key: v.map({ a: v.int(1), b: v.int(2) }) }),
    );
    expect(out).toEqual(record({ key: v.map({ b: v.int(2) }), headers: [h("ha", v.int(1)), h("hz")] }));
  });

  it("fails on a tombstone and on a field the schema lacks", () => {
    expect(
      causeOf(() => smt("HeaderFrom$Value", { fields: "a", headers: "h", operation: "copy" })(record())),
    ).toEqual(
      new DataError("Only Map objects supported in absence of schema for [header copy], found: null"),
    );
    expect(
      causeOf(() =>
        smt("HeaderFrom$Value", { fields: "nope", headers: "h", operation: "copy" })(
          record({ valueSchema: schema, value }),
        ),
      ),
    ).toEqual(new DataError("Field does not exist: nope"));
  });

  it("reports lists of different lengths and an unknown operation", () => {
    const base = { transforms: "t", "transforms.t.type": "HeaderFrom$Value", "transforms.t.fields": "a,b" };
    expect(
      validateTransformConfig({ ...base, "transforms.t.headers": "h", "transforms.t.operation": "copy" }),
    ).toEqual([
      {
        key: "transforms.t.headers",
        message: "'fields' config must have the same number of elements as 'headers' config.",
      },
    ]);
    expect(
      validateTransformConfig({ ...base, "transforms.t.headers": "h,i", "transforms.t.operation": "swap" }),
    ).toEqual([
      {
        key: "transforms.t.operation",
        message:
          "Invalid value swap for configuration transforms.t.operation: String must be one of: move, copy",
      },
    ]);
  });
});
