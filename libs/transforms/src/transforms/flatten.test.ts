import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";

const VALUE = "org.apache.kafka.connect.transforms.Flatten$Value";

describe("Flatten with a schema", () => {
  it("lifts nested fields, joined by the delimiter, keeping arrays and the schema's name", () => {
    const schema = s.struct(
      [
        ["id", s.int32()],
        [
          "address",
          s.struct([
            ["city", s.string()],
            ["geo", s.struct([["lat", s.float64()]])],
          ]),
        ],
        ["tags", s.array(s.string())],
      ],
      { name: "com.example.Person", version: 2 },
    );
    const out = smt(VALUE, { delimiter: "_" })(
      record({
        valueSchema: schema,
        value: v.struct({
          id: v.int(1),
          address: v.struct({ city: v.str("Oslo"), geo: v.struct({ lat: v.float(59.9) }) }),
          tags: v.array([v.str("a")]),
        }),
      }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct(
          [
            ["id", s.int32()],
            ["address_city", s.string()],
            ["address_geo_lat", s.float64()],
            ["tags", s.array(s.string())],
          ],
          { name: "com.example.Person", version: 2 },
        ),
        value: v.struct({
          id: v.int(1),
          address_city: v.str("Oslo"),
          address_geo_lat: v.float(59.9),
          tags: v.array([v.str("a")]),
        }),
      }),
    );
  });

  it("makes fields of an optional parent optional, gives them the parent's default, and reads a null parent as its default", () => {
    const inner = s.struct([["x", s.int32()]], {
      optional: true,
      defaultValue: v.struct({ x: v.int(9) }),
    });
    const schema = s.struct([["p", inner]]);
    const out = smt(VALUE)(record({ valueSchema: schema, value: v.struct({ p: v.null() }) }));
    expect(out).toEqual(
      record({
        valueSchema: s.struct([["p.x", s.int32({ optional: true, defaultValue: v.int(9) })]]),
        value: v.struct({ "p.x": v.int(9) }),
      }),
    );
  });

  it("refuses a map field, as Connect does with schemas", () => {
    const schema = s.struct([["m", s.map(s.string(), s.string())]]);
    expect(
      causeOf(() => smt(VALUE)(record({ valueSchema: schema, value: v.struct({ m: v.map({}) }) }))),
    ).toEqual(
      new DataError("Flatten transformation does not support MAP for record with schemas (for field m)."),
    );
  });

  it("passes a tombstone through", () => {
    const r = record({ valueSchema: s.struct([["a", s.int32()]]) });
    expect(smt(VALUE)(r)).toBe(r);
  });
});

describe("Flatten without a schema", () => {
  it("lifts nested maps and keeps nulls and arrays", () => {
    const out = smt("Flatten$Value")(
      record({
        value: v.map({
          a: v.map({ b: v.map({ c: v.int(1) }), n: v.null() }),
          list: v.array([v.map({ inner: v.int(2) })]),
        }),
      }),
    );
    expect(out?.value).toEqual(
      v.map({ "a.b.c": v.int(1), "a.n": v.null(), list: v.array([v.map({ inner: v.int(2) })]) }),
    );
  });

  it("flattens the key with Flatten$Key", () => {
    const out = smt("Flatten$Key")(record({ key: v.map({ k: v.map({ id: v.int(1) }) }) }));
    expect(out).toEqual(record({ key: v.map({ "k.id": v.int(1) }) }));
  });

  it("requires a map", () => {
    expect(causeOf(() => smt(VALUE)(record({ value: v.str("plain") })))).toEqual(
      new DataError("Only Map objects supported in absence of schema for [flattening], found: stringValue"),
    );
  });
});
