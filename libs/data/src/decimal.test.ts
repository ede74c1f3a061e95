import { Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { DataError } from "./data-error.js";
import { LogicalDecimal } from "./decimal.js";

const throughTheWire = (value: Value): Value => Value.decode(Value.encode(value).finish());

describe("LogicalDecimal.toValue", () => {
  it.each([
    // Java's new BigDecimal(text).unscaledValue().toByteArray() gives these bytes.
    ["0", 0, [0x00]],
    ["1.00", 2, [0x64]],
    ["127", 0, [0x7f]],
    ["128", 0, [0x00, 0x80]],
    ["-1", 0, [0xff]],
    ["-128", 0, [0x80]],
    ["-129", 0, [0xff, 0x7f]],
    ["12345.6789", 4, [0x07, 0x5b, 0xcd, 0x15]],
  ])("encodes %s at scale %i as Connect does", (text, scale, bytes) => {
    expect(LogicalDecimal.toValue(text, scale)).toEqual({
      kind: { $case: "bytesValue", value: Buffer.from(bytes) },
    });
  });

  it("pads a decimal that has fewer digits than the scale", () => {
    const schema = LogicalDecimal.schema(3);
    expect(LogicalDecimal.fromValue(LogicalDecimal.toValue("2.5", 3), schema)).toBe("2.500");
  });

  it.each(["", "1e5", "12,5", "abc", "1.", ".5"])("rejects %j as not a decimal", (text) => {
    expect(() => LogicalDecimal.toValue(text, 2)).toThrow(DataError);
  });

  it("rejects a decimal with more digits after the point than the scale, rather than rounding", () => {
    expect(() => LogicalDecimal.toValue("1.234", 2)).toThrow(
      /3 digits after the point, but the schema's scale is 2/,
    );
  });
});

describe("LogicalDecimal.fromValue", () => {
  it.each([
    ["0", 0],
    ["-0.01", 2],
    ["99999999999999999999999999999999.123456789", 9],
    ["-99999999999999999999999999999999.123456789", 9],
    ["170141183460469231731687303715884105728", 0],
  ])("round-trips %s at scale %i through the wire", (text, scale) => {
    const schema = LogicalDecimal.schema(scale);
    expect(LogicalDecimal.fromValue(throughTheWire(LogicalDecimal.toValue(text, scale)), schema)).toBe(text);
  });

  it("refuses a value that is not bytes", () => {
    expect(() =>
      LogicalDecimal.fromValue({ kind: { $case: "intValue", value: 1n } }, LogicalDecimal.schema(0)),
    ).toThrow(/carried as bytes, not intValue/);
  });
});

describe("LogicalDecimal.schema", () => {
  it("names Connect's Decimal and keeps the scale as a parameter", () => {
    expect(LogicalDecimal.schema(4)).toMatchObject({
      name: "org.apache.kafka.connect.data.Decimal",
      parameters: { scale: "4" },
    });
  });

  it("rejects a negative scale", () => {
    expect(() => LogicalDecimal.schema(-1)).toThrow(DataError);
  });
});
