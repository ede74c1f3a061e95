import { describe, expect, it } from "vitest";
import { record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.ReplaceField$Value";
const schema = s.struct(
  [
    ["id", s.int32()],
    ["name", s.string({ optional: true, defaultValue: v.str("anon") })],
    ["secret", s.string()],
  ],
  { name: "com.example.User", version: 3, optional: true },
);
const value = v.struct({ id: v.int(1), name: v.null(), secret: v.str("x") });

describe("ReplaceField with a schema", () => {
  it("excludes, renames and rebuilds the schema (dropping its optional flag, as Connect's does)", () => {
    const out = smt(VALUE, { exclude: "secret", renames: "id:user_id" })(
      record({ valueSchema: schema, value }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct(
          [
            ["user_id", s.int32()],
            ["name", s.string({ optional: true, defaultValue: v.str("anon") })],
          ],
          { name: "com.example.User", version: 3 },
        ),
        value: v.struct({ user_id: v.int(1), name: v.str("anon") }),
      }),
    );
  });

  it("keeps only included fields, with exclude winning, and keeps nulls when replace.null.with.default is false", () => {
    const out = smt(VALUE, {
      include: "id,name,secret",
      exclude: "secret",
      "replace.null.with.default": "false",
    })(record({ valueSchema: schema, value }));
    expect(out?.value).toEqual(v.struct({ id: v.int(1), name: v.null() }));
  });

  it("reads the deprecated whitelist and blacklist names, the new names winning", () => {
    const r = record({ valueSchema: schema, value });
    expect(smt(VALUE, { whitelist: "id" })(r)?.value).toEqual(v.struct({ id: v.int(1) }));
    expect(smt(VALUE, { blacklist: "id,name" })(r)?.value).toEqual(v.struct({ secret: v.str("x") }));
    expect(smt(VALUE, { blacklist: "id", exclude: "secret" })(r)?.value).toEqual(
      v.struct({ id: v.int(1), name: v.str("anon") }),
    );
  });

  it("passes a tombstone through", () => {
    const r = record({ valueSchema: schema });
    expect(smt(VALUE, { exclude: "secret" })(r)).toBe(r);
  });
});

describe("ReplaceField without a schema", () => {
  it("filters and renames map entries", () => {
    const out = smt("ReplaceField$Key", { include: "a,b", renames: "a:x" })(
      record({ key: v.map({ a: v.int(1), b: v.int(2), c: v.int(3) }) }),
    );
    expect(out?.key).toEqual(v.map({ x: v.int(1), b: v.int(2) }));
  });
});

describe("ReplaceField config", () => {
  it("reports a rename that is not a pair", () => {
    expect(
      validateTransformConfig({
        transforms: "t",
        "transforms.t.type": VALUE,
        "transforms.t.renames": "a:b,c",
      }),
    ).toEqual([
      {
        key: "transforms.t.renames",
        message: "Invalid value [a:b, c] for configuration transforms.t.renames: Invalid rename mapping: c",
      },
    ]);
  });
});
