import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";

const TYPE = "org.apache.kafka.connect.transforms.ValueToKey";

describe("ValueToKey", () => {
  it("builds the key from value fields, with their schemas", () => {
    const schema = s.struct([
      ["id", s.int64()],
      ["region", s.string({ optional: true, defaultValue: v.str("eu") })],
      ["body", s.string()],
    ]);
    const value = v.struct({ id: v.int(7), region: v.null(), body: v.str("b") });
    const out = smt(TYPE, { fields: "region,id" })(record({ valueSchema: schema, value, key: v.str("old") }));
    expect(out).toEqual(
      record({
        keySchema: s.struct([
          ["region", s.string({ optional: true, defaultValue: v.str("eu") })],
          ["id", s.int64()],
        ]),
        key: v.struct({ region: v.str("eu"), id: v.int(7) }),
        valueSchema: schema,
        value,
      }),
    );
    expect(
      smt(TYPE, { fields: "region", "replace.null.with.default": "false" })(
        record({ valueSchema: schema, value }),
      )?.key,
    ).toEqual(v.struct({ region: v.null() }));
  });

  it("fails on a field the value's schema lacks", () => {
    const r = record({ valueSchema: s.struct([["id", s.int64()]]), value: v.struct({ id: v.int(1) }) });
    expect(causeOf(() => smt(TYPE, { fields: "nope" })(r))).toEqual(
      new DataError("Field does not exist: nope"),
    );
  });

  it("builds a map key without a schema, a missing field as null", () => {
    const out = smt("ValueToKey", { fields: "id,zz" })(
      record({ value: v.map({ id: v.int(1), other: v.int(2) }) }),
    );
    expect(out?.key).toEqual(v.map({ id: v.int(1), zz: v.null() }));
    expect(out?.keySchema).toBeUndefined();
  });

  it("fails on a tombstone, as Connect does", () => {
    expect(causeOf(() => smt("ValueToKey", { fields: "id" })(record()))).toEqual(
      new DataError(
        "Only Map objects supported in absence of schema for [copying fields from value to key], found: null",
      ),
    );
  });
});
