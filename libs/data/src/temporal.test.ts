import { Schema, Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { DataError } from "./data-error.js";
import { LogicalDate, LogicalTime, LogicalTimestamp } from "./temporal.js";

const throughTheWire = (value: Value): Value => Value.decode(Value.encode(value).finish());

describe.each([
  ["LogicalDate", LogicalDate, new Date("2026-11-25T00:00:00Z"), 20_782n],
  ["LogicalDate before the epoch", LogicalDate, new Date("1969-12-31T00:00:00Z"), -1n],
  ["LogicalTime", LogicalTime, new Date("1970-01-01T13:45:07.123Z"), 49_507_123n],
  ["LogicalTimestamp", LogicalTimestamp, new Date("2026-11-25T13:45:07.123Z"), 1_795_614_307_123n],
  [
    "LogicalTimestamp before the epoch",
    LogicalTimestamp,
    new Date("1960-01-01T00:00:00Z"),
    -315_619_200_000n,
  ],
])("%s", (_name, type, date, encoded) => {
  it("encodes to Connect's integer", () => {
    expect(type.toValue(date)).toEqual({ kind: { $case: "intValue", value: encoded } });
  });

  it("round-trips through the wire", () => {
    expect(type.fromValue(throughTheWire(type.toValue(date)))).toEqual(date);
  });

  it("has a schema that survives the wire with its name", () => {
    const schema = type.schema({ optional: true });
    expect(Schema.decode(Schema.encode(schema).finish())).toMatchObject({ name: type.name, optional: true });
  });
});

describe("Connect's restrictions", () => {
  it("refuses a Date with a time of day", () => {
    expect(() => LogicalDate.toValue(new Date("2026-11-25T10:00:00Z"))).toThrow(/must be at midnight UTC/);
  });

  it("refuses a Time on a day other than 1970-01-01", () => {
    expect(() => LogicalTime.toValue(new Date("1970-01-02T00:00:00Z"))).toThrow(/must fall on 1970-01-01/);
  });

  it("refuses an invalid Date", () => {
    expect(() => LogicalTimestamp.toValue(new Date("not a date"))).toThrow(DataError);
  });

  it("refuses a value that is not an integer", () => {
    expect(() => LogicalTimestamp.fromValue({ kind: { $case: "stringValue", value: "2026" } })).toThrow(
      /carried as an integer, not stringValue/,
    );
  });
});
