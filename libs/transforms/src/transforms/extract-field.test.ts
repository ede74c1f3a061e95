import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const KEY = "org.apache.kafka.connect.transforms.ExtractField$Key";
const VALUE = "org.apache.kafka.connect.transforms.ExtractField$Value";

describe("ExtractField with a schema", () => {
  const schema = s.struct([
    ["id", s.int64()],
    ["name", s.string({ optional: true, defaultValue: v.str("anon") })],
  ]);

  it("replaces the key with the field and its schema", () => {
    const out = smt(KEY, { field: "id" })(
      record({ keySchema: schema, key: v.struct({ id: v.int(42), name: v.str("a") }) }),
    );
    expect(out).toEqual(record({ keySchema: s.int64(), key: v.int(42) }));
  });

  it("reads a null field as its default unless replace.null.with.default is false", () => {
    const r = record({ valueSchema: schema, value: v.struct({ id: v.int(1), name: v.null() }) });
    expect(smt(VALUE, { field: "name" })(r)?.value).toEqual(v.str("anon"));
    expect(smt(VALUE, { field: "name", "replace.null.with.default": "false" })(r)?.value).toBeUndefined();
  });

  it("keeps a null value null, with the field's schema", () => {
    expect(smt(VALUE, { field: "id" })(record({ valueSchema: schema }))).toEqual(
      record({ valueSchema: s.int64() }),
    );
  });

  it("fails on a field the schema lacks", () => {
    expect(
      causeOf(() => smt(VALUE, { field: "nope" })(record({ valueSchema: schema, value: v.struct({}) }))),
    ).toEqual(new Error("Unknown field: nope"));
  });

  it("follows a nested path with field.syntax.version=V2, backticks quoting a dotted name", () => {
    const nested = s.struct([["a.b", s.struct([["c", s.string()]])]]);
    const r = record({ valueSchema: nested, value: v.struct({ "a.b": v.struct({ c: v.str("deep") }) }) });
    expect(smt(VALUE, { field: "`a.b`.c", "field.syntax.version": "v2" })(r)).toEqual(
      record({ valueSchema: s.string(), value: v.str("deep") }),
    );
    // V1 (the default) takes the whole text as one name.
    expect(causeOf(() => smt(VALUE, { field: "`a.b`.c" })(r))).toEqual(new Error("Unknown field: `a.b`.c"));
  });
});

describe("ExtractField without a schema", () => {
  it("takes the map entry, or null when it is missing", () => {
    const r = record({ value: v.map({ id: v.int(42) }) });
    expect(smt(VALUE, { field: "id" })(r)).toEqual(record({ value: v.int(42) }));
    expect(smt(VALUE, { field: "other" })(r)).toEqual(record({ value: undefined }));
  });

  it("follows a nested path in maps with V2", () => {
    const r = record({ value: v.map({ a: v.map({ b: v.str("x") }) }) });
    expect(smt(VALUE, { field: "a.b", "field.syntax.version": "V2" })(r)?.value).toEqual(v.str("x"));
    expect(smt(VALUE, { field: "a.zz", "field.syntax.version": "V2" })(r)?.value).toBeUndefined();
  });

  it("passes a tombstone through", () => {
    expect(smt(VALUE, { field: "id" })(record())).toEqual(record());
  });
});

describe("ExtractField config", () => {
  it("reports an unclosed backtick and an unknown syntax version under their keys", () => {
    expect(
      validateTransformConfig({
        transforms: "t",
        "transforms.t.type": VALUE,
        "transforms.t.field": "`a.b",
        "transforms.t.field.syntax.version": "V2",
      }),
    ).toEqual([
      {
        key: "transforms.t.field",
        message:
          "Invalid value `a.b for configuration transforms.t.field: Incomplete backtick pair in path: [`a.b], consider adding a backslash before backtick at position 0 to escape it",
      },
    ]);
    expect(
      validateTransformConfig({
        transforms: "t",
        "transforms.t.type": VALUE,
        "transforms.t.field": "a",
        "transforms.t.field.syntax.version": "V3",
      }),
    ).toEqual([
      {
        key: "transforms.t.field.syntax.version",
        message:
          "Invalid value V3 for configuration transforms.t.field.syntax.version: String must be one of (case insensitive): V1, V2",
      },
    ]);
  });
});
