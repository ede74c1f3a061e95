import { describe, expect, it } from "vitest";
import { record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const h = (key: string, value?: ReturnType<typeof v.str>, schema?: ReturnType<typeof s.string>) => ({
  key,
  value,
  schema,
});

describe("InsertHeader", () => {
  it.each([
    ["hello world", s.string(), v.str("hello world")],
    ["42", s.int8(), v.int(42)],
    ["40000", s.int32(), v.int(40000)],
    ["-9000000000", s.int64(), v.int(-9_000_000_000n)],
    ["1.5", s.float32(), v.float(1.5)],
    ["true", s.boolean(), v.bool(true)],
    ["2024-01-31", s.date(), v.int(19753)],
    ["2024-01-31T10:15:30.250Z", s.timestamp(), v.int(1706696130250n)],
    ["10:15:30.250Z", s.time(), v.int(36930250)],
  ])("adds a header typed from the literal %j", (literal, schema, value) => {
    const r = record({ headers: [h("existing", v.str("x"))] });
    expect(smt("InsertHeader", { header: "source", "value.literal": literal })(r)).toEqual(
      record({ headers: [h("existing", v.str("x")), h("source", value, schema)] }),
    );
  });

  it("adds a null header for the literal null", () => {
    expect(smt("InsertHeader", { header: "n", "value.literal": "null" })(record())?.headers).toEqual([
      h("n"),
    ]);
  });

  it("requires both keys", () => {
    expect(
      validateTransformConfig({ transforms: "t", "transforms.t.type": "InsertHeader" }).map((i) => i.key),
    ).toEqual(["transforms.t.header", "transforms.t.value.literal"]);
  });
});
