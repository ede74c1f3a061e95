import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";

describe("HoistField", () => {
  it("wraps a schema'd value in a struct with one field", () => {
    const out = smt("org.apache.kafka.connect.transforms.HoistField$Value", { field: "line" })(
      record({ valueSchema: s.string(), value: v.str("hello") }),
    );
    expect(out).toEqual(
      record({ valueSchema: s.struct([["line", s.string()]]), value: v.struct({ line: v.str("hello") }) }),
    );
  });

  it("wraps a schemaless key in a map, a null one too", () => {
    expect(smt("HoistField$Key", { field: "id" })(record({ key: v.int(42) }))).toEqual(
      record({ key: v.map({ id: v.int(42) }) }),
    );
    expect(smt("HoistField$Key", { field: "id" })(record())).toEqual(
      record({ key: v.map({ id: v.null() }) }),
    );
  });

  it("wraps a null with an optional schema, and refuses one with a required schema", () => {
    expect(
      smt("HoistField$Value", { field: "f" })(record({ valueSchema: s.int32({ optional: true }) })),
    ).toEqual(
      record({
        valueSchema: s.struct([["f", s.int32({ optional: true })]]),
        value: v.struct({ f: v.null() }),
      }),
    );
    expect(
      causeOf(() => smt("HoistField$Value", { field: "f" })(record({ valueSchema: s.int32() }))),
    ).toEqual(new DataError('Invalid value: null used for required field: "f", schema type: INT32'));
  });
});
