import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.Cast$Value";

describe("Cast$Value with a schema", () => {
  it("casts each listed field with Java's conversions and rebuilds the schema", () => {
    const schema = s.struct([
      ["i8", s.int8()],
      ["i32", s.int32()],
      ["i64", s.int64()],
      ["f32", s.float32()],
      ["f64", s.float64()],
      ["b", s.boolean()],
      ["str", s.string()],
      ["dec", s.decimal(2)],
      ["d", s.date()],
      ["ts", s.timestamp()],
      ["opt", s.int64({ optional: true })],
      ["bin", s.bytes()],
      ["keep", s.string()],
    ]);
    const out = smt(VALUE, {
      spec: "i8:int16,i32:int64,i64:boolean,f32:float64,f64:int32,b:int8,str:int32,dec:string,d:string,ts:int64,opt:int32,bin:string",
    })(
      record({
        valueSchema: schema,
        value: v.struct({
          i8: v.int(8),
          i32: v.int(32),
          i64: v.int(0),
          f32: v.float(32.5),
          f64: v.float(-64.9),
          b: v.bool(true),
          str: v.str("123"),
          dec: v.decimal("12.50", 2),
          d: v.int(1),
          ts: v.int(1000),
          opt: v.null(),
          bin: v.bytes([1, 2, 3]),
          keep: v.str("x"),
        }),
      }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct([
          ["i8", s.int16()],
          ["i32", s.int64()],
          ["i64", s.boolean()],
          ["f32", s.float64()],
          ["f64", s.int32()],
          ["b", s.int8()],
          ["str", s.int32()],
          ["dec", s.string()],
          ["d", s.string()],
          ["ts", s.int64()],
          ["opt", s.int32({ optional: true })],
          ["bin", s.string()],
          ["keep", s.string()],
        ]),
        value: v.struct({
          i8: v.int(8),
          i32: v.int(32),
          i64: v.bool(false),
          f32: v.float(32.5),
          f64: v.int(-64),
          b: v.int(1),
          str: v.int(123),
          dec: v.str("12.50"),
          d: v.str("1970-01-02"),
          ts: v.int(1000),
          opt: v.null(),
          bin: v.str("AQID"),
          keep: v.str("x"),
        }),
      }),
    );
  });

  it("casts the whole value, wrapping integers as Java narrows them and keeping the schema's name", () => {
    const out = smt(VALUE, { spec: "int8" })(
      record({ valueSchema: s.int32({ name: "com.example.Count", doc: "a count" }), value: v.int(300) }),
    );
    expect(out).toEqual(
      record({ valueSchema: s.int8({ name: "com.example.Count", doc: "a count" }), value: v.int(44) }),
    );
  });

  it("casts a field's default along with it", () => {
    const schema = s.struct([["n", s.string({ optional: true, defaultValue: v.str("5") })]]);
    const out = smt(VALUE, { spec: "n:int32" })(
      record({ valueSchema: schema, value: v.struct({ n: v.null() }) }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct([["n", s.int32({ optional: true, defaultValue: v.int(5) })]]),
        value: v.struct({ n: v.int(5) }),
      }),
    );
  });

  it("prints floats as Java does when casting to string", () => {
    const schema = s.struct([
      ["f", s.float32()],
      ["d", s.float64()],
    ]);
    const out = smt(VALUE, { spec: "f:string,d:string" })(
      record({ valueSchema: schema, value: v.struct({ f: v.float(Math.fround(0.1)), d: v.float(1e10) }) }),
    );
    expect(out?.value).toEqual(v.struct({ f: v.str("0.1"), d: v.str("1.0E10") }));
  });

  it("passes a tombstone through", () => {
    const r = record({ valueSchema: s.struct([["a", s.int32()]]) });
    expect(smt(VALUE, { spec: "a:int64" })(r)).toBe(r);
  });

  it("refuses a string that is not a number of the target type", () => {
    const schema = s.struct([["a", s.string()]]);
    expect(
      causeOf(() =>
        smt(VALUE, { spec: "a:int8" })(record({ valueSchema: schema, value: v.struct({ a: v.str("128") }) })),
      ),
    ).toEqual(new DataError("Value (128) was out of range for requested data type"));
  });
});

describe("Cast without a schema", () => {
  it("casts listed map entries by their own kind and sets a missing one to null", () => {
    const out = smt("Cast$Value", { spec: "a:int32,b:int64,c:string,d:boolean" })(
      record({ value: v.map({ a: v.str("42"), b: v.float(1.9), d: v.str("TRUE"), e: v.int(1) }) }),
    );
    expect(out?.value).toEqual(
      v.map({ a: v.int(42), b: v.int(1), d: v.bool(true), e: v.int(1), c: v.null() }),
    );
  });

  it.each([
    ["the integer 42", "string", v.int(42), v.str("42")],
    ["the float 1.0", "string", v.float(1), v.str("1.0")],
    ["true", "float32", v.bool(true), v.float(1)],
    ['"2.5"', "float64", v.str("2.5"), v.float(2.5)],
    ["0.5 (whose long value is 0)", "boolean", v.float(0.5), v.bool(false)],
  ])("casts the whole value %s to %s", (_name, type, value, expected) => {
    expect(smt("Cast$Value", { spec: type })(record({ value }))?.value).toEqual(expected);
  });

  it("refuses to cast an array", () => {
    expect(causeOf(() => smt("Cast$Value", { spec: "string" })(record({ value: v.array([]) })))).toEqual(
      new DataError(
        "Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]",
      ),
    );
  });

  it("casts the key with Cast$Key", () => {
    const out = smt("Cast$Key", { spec: "int64" })(
      record({ key: v.str("9007199254740993"), value: v.str("v") }),
    );
    expect(out).toEqual(record({ key: v.int(9007199254740993n), value: v.str("v") }));
  });
});

describe("Cast config", () => {
  it.each([
    ["", "Invalid value [] for configuration transforms.t.spec: Must specify at least one field to cast."],
    [
      "a:bytes",
      "Invalid value [a:bytes] for configuration transforms.t.spec: Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]",
    ],
    ["a:b:c", "Invalid value [a:b:c] for configuration transforms.t.spec: Invalid cast mapping: a:b:c"],
    [
      "a:int99",
      "Invalid value [a:int99] for configuration transforms.t.spec: Invalid type found in casting spec: int99",
    ],
    [
      "int8,a:int16",
      "Invalid value [int8, a:int16] for configuration transforms.t.spec: Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec",
    ],
  ])("reports spec %j", (spec, message) => {
    const issues = validateTransformConfig({
      transforms: "t",
      "transforms.t.type": VALUE,
      "transforms.t.spec": spec,
    });
    expect(issues).toEqual([{ key: "transforms.t.spec", message }]);
  });
});
