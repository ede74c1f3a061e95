import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.MaskField$Value";

const schema = s.struct([
  ["id", s.int32()],
  ["name", s.string()],
  ["age", s.int8()],
  ["seen", s.timestamp()],
  ["salary", s.decimal(2)],
  ["tags", s.array(s.string())],
  ["active", s.boolean()],
  ["ratio", s.float64()],
  ["note", s.string({ optional: true })],
]);
const value = v.struct({
  id: v.int(7),
  name: v.str("Ada"),
  age: v.int(36),
  seen: v.int(1_700_000_000_000n),
  salary: v.decimal("1234.50", 2),
  tags: v.array([v.str("a")]),
  active: v.bool(true),
  ratio: v.float(0.5),
  note: v.null(),
});

describe("MaskField$Value with a schema", () => {
  it("replaces each listed field with its type's empty value and keeps the schema", () => {
    const out = smt(VALUE, { fields: "name,age,seen,salary,tags,active,ratio,note" })(
      record({ valueSchema: schema, value }),
    );
    expect(out).toEqual(
      record({
        valueSchema: schema,
        value: v.struct({
          id: v.int(7),
          name: v.str(""),
          age: v.int(0),
          seen: v.int(0),
          salary: v.decimal("0", 0),
          tags: v.array([]),
          active: v.bool(false),
          ratio: v.float(0),
          note: v.null(),
        }),
      }),
    );
  });

  it("converts the replacement to each numeric or string field's type", () => {
    const out = smt(VALUE, { fields: "name,age,ratio,id", replacement: "300" })(
      record({ valueSchema: schema, value }),
    );
    const fields = out?.value?.kind?.$case === "structValue" ? out.value.kind.value.fields : [];
    // 300 narrows to a byte as Java's (byte) 300 does.
    expect(Object.fromEntries(fields.map((f) => [f.name, f.value]))).toMatchObject({
      id: v.int(300),
      name: v.str("300"),
      age: v.int(44),
      ratio: v.float(300),
    });
  });

  it("masks a Decimal with a replacement of the schema's scale, and refuses another scale", () => {
    const out = smt(VALUE, { fields: "salary", replacement: "0.01" })(record({ valueSchema: schema, value }));
    const fields = out?.value?.kind?.$case === "structValue" ? out.value.kind.value.fields : [];
    expect(fields.find((f) => f.name === "salary")?.value).toEqual(v.decimal("0.01", 2));
    const cause = causeOf(() =>
      smt(VALUE, { fields: "salary", replacement: "1.5" })(record({ valueSchema: schema, value })),
    );
    expect(cause).toEqual(new DataError("BigDecimal has mismatching scale value for given Decimal schema"));
  });

  it("refuses a replacement for a boolean, and one that is not a number for a number", () => {
    expect(
      causeOf(() =>
        smt(VALUE, { fields: "active", replacement: "x" })(record({ valueSchema: schema, value })),
      ),
    ).toEqual(new DataError("Cannot mask value of type class java.lang.Boolean with custom replacement."));
    expect(
      causeOf(() =>
        smt(VALUE, { fields: "age", replacement: "abc" })(record({ valueSchema: schema, value })),
      ),
    ).toEqual(new DataError("Unable to convert abc (class java.lang.String) to a number"));
  });

  it("masks a null field's default, or keeps the null when replace.null.with.default is false", () => {
    const withDefault = s.struct([["name", s.string({ optional: true, defaultValue: v.str("anon") })]]);
    const r = record({ valueSchema: withDefault, value: v.struct({ name: v.null() }) });
    expect(smt(VALUE, { fields: "name" })(r)?.value).toEqual(v.struct({ name: v.str("") }));
    expect(smt(VALUE, { fields: "name", "replace.null.with.default": "false" })(r)?.value).toEqual(
      v.struct({ name: v.null() }),
    );
  });

  it("fails on a tombstone, as Connect does", () => {
    expect(causeOf(() => smt(VALUE, { fields: "name" })(record({ valueSchema: schema })))).toEqual(
      new DataError("Only Struct objects supported for [mask fields], found: null"),
    );
  });
});

describe("MaskField without a schema", () => {
  it("masks by each value's kind and adds a listed field the map lacks as null", () => {
    const out = smt("MaskField$Value", { fields: "n,f,b,s,l,m,missing" })(
      record({
        value: v.map({
          n: v.int(42),
          f: v.float(1.5),
          b: v.bool(true),
          s: v.str("secret"),
          l: v.array([v.int(1)]),
          m: v.map({ a: v.int(1) }),
          kept: v.str("x"),
        }),
      }),
    );
    expect(out?.value).toEqual(
      v.map({
        n: v.int(0),
        f: v.float(0),
        b: v.bool(false),
        s: v.str(""),
        l: v.array([]),
        m: v.map({}),
        kept: v.str("x"),
        missing: v.null(),
      }),
    );
  });

  it("cannot mask bytes", () => {
    expect(
      causeOf(() => smt("MaskField$Value", { fields: "b" })(record({ value: v.map({ b: v.bytes([1]) }) }))),
    ).toEqual(new DataError("Cannot mask value of type: class [B"));
  });

  it("works on the key with MaskField$Key", () => {
    const out = smt("org.apache.kafka.connect.transforms.MaskField$Key", {
      fields: "ssn",
      replacement: "***",
    })(record({ key: v.map({ ssn: v.str("123-45-6789") }), value: v.str("untouched") }));
    expect(out).toEqual(record({ key: v.map({ ssn: v.str("***") }), value: v.str("untouched") }));
  });
});

describe("MaskField config", () => {
  it.each([
    [{}, 'Missing required configuration "transforms.t.fields" which has no default value.'],
    [{ "transforms.t.fields": "" }, "Invalid value [] for configuration transforms.t.fields: Empty list"],
    [
      { "transforms.t.fields": "a", "transforms.t.replacement": " " },
      "Invalid value  for configuration transforms.t.replacement: String must be non-empty",
    ],
  ])("reports %j", (keys, message) => {
    const issues = validateTransformConfig({
      transforms: "t",
      "transforms.t.type": "MaskField$Value",
      ...keys,
    });
    expect(issues.map((i) => i.message)).toEqual([message]);
  });
});
