import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value";

describe("SetSchemaMetadata", () => {
  const schema = s.struct([["n", s.int32({ optional: true, defaultValue: v.int(5) })]], {
    optional: true,
    doc: "d",
  });

  it("sets the name and version and keeps the rest of the schema", () => {
    const out = smt(VALUE, { "schema.name": "com.example.Renamed", "schema.version": "7" })(
      record({ valueSchema: schema, value: v.struct({ n: v.int(1) }) }),
    );
    expect(out).toEqual(
      record({
        valueSchema: { ...schema, name: "com.example.Renamed", version: 7 },
        value: v.struct({ n: v.int(1) }),
      }),
    );
  });

  it("rebuilds a struct against the new schema, reading null fields as their defaults", () => {
    const r = record({ valueSchema: schema, value: v.struct({ n: v.null() }) });
    expect(smt(VALUE, { "schema.version": "2" })(r)?.value).toEqual(v.struct({ n: v.int(5) }));
    expect(smt(VALUE, { "schema.version": "2", "replace.null.with.default": "false" })(r)?.value).toEqual(
      v.struct({ n: v.null() }),
    );
  });

  it("renames the key schema of a primitive key with SetSchemaMetadata$Key", () => {
    const out = smt("SetSchemaMetadata$Key", { "schema.name": "Id" })(
      record({ keySchema: s.int64(), key: v.int(1) }),
    );
    expect(out).toEqual(record({ keySchema: s.int64({ name: "Id" }), key: v.int(1) }));
  });

  it("passes a schemaless null through and refuses another schemaless value", () => {
    expect(smt(VALUE, { "schema.name": "x" })(record())).toEqual(record());
    const explicitNull = record({ value: v.null() });
    expect(smt(VALUE, { "schema.name": "x" })(explicitNull)).toBe(explicitNull);
    expect(causeOf(() => smt(VALUE, { "schema.name": "x" })(record({ value: v.str("a") })))).toEqual(
      new DataError("Schema required for [updating schema metadata]"),
    );
  });

  it("needs a name or a version, and a version that is an int", () => {
    const base = { transforms: "t", "transforms.t.type": VALUE };
    expect(validateTransformConfig(base)).toEqual([
      { key: "transforms.t.type", message: "Neither schema name nor version configured" },
    ]);
    expect(validateTransformConfig({ ...base, "transforms.t.schema.version": "two" })).toEqual([
      {
        key: "transforms.t.schema.version",
        message: "Invalid value two for configuration transforms.t.schema.version: Not a number of type INT",
      },
    ]);
  });
});
