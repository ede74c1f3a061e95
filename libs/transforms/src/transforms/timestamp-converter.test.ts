import { DataError } from "@connect-mesh/data";
import { describe, expect, it } from "vitest";
import { causeOf, record, s, smt, v } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const VALUE = "org.apache.kafka.connect.transforms.TimestampConverter$Value";
const MS = 1_700_000_000_000n; // 2023-11-14T22:13:20Z

describe("TimestampConverter with a schema", () => {
  const schema = s.struct([
    ["id", s.int32()],
    ["ts", s.timestamp({ optional: true })],
  ]);

  it("converts a Timestamp field to a formatted string and changes its schema", () => {
    const out = smt(VALUE, { field: "ts", "target.type": "string", format: "yyyy-MM-dd HH:mm:ss" })(
      record({ valueSchema: schema, value: v.struct({ id: v.int(1), ts: v.int(MS) }) }),
    );
    expect(out).toEqual(
      record({
        valueSchema: s.struct([
          ["id", s.int32()],
          ["ts", s.string({ optional: true })],
        ]),
        value: v.struct({ id: v.int(1), ts: v.str("2023-11-14 22:13:20") }),
      }),
    );
  });

  it.each([
    ["Date", s.date({ optional: true }), v.int(19675)],
    ["Time", s.time({ optional: true }), v.int(80_000_000)],
    ["unix", s.int64({ optional: true }), v.int(MS)],
  ])("converts a Timestamp field to %s", (target, fieldSchema, expected) => {
    const out = smt(VALUE, { field: "ts", "target.type": target })(
      record({ valueSchema: schema, value: v.struct({ id: v.int(1), ts: v.int(MS) }) }),
    );
    expect(out?.valueSchema?.fields[1]?.schema).toEqual(fieldSchema);
    expect(out?.value).toEqual(v.struct({ id: v.int(1), ts: expected }));
  });

  it("keeps a null field null", () => {
    const out = smt(VALUE, { field: "ts", "target.type": "unix" })(
      record({ valueSchema: schema, value: v.struct({ id: v.int(1), ts: v.null() }) }),
    );
    expect(out?.value).toEqual(v.struct({ id: v.int(1), ts: v.null() }));
  });

  it("converts the whole value from unix seconds to a Timestamp", () => {
    const out = smt(VALUE, { "target.type": "Timestamp", "unix.precision": "seconds" })(
      record({ valueSchema: s.int64(), value: v.int(1_700_000_000) }),
    );
    expect(out).toEqual(record({ valueSchema: s.timestamp(), value: v.int(MS) }));
  });

  it("writes unix time in microseconds and nanoseconds", () => {
    const r = record({ valueSchema: s.timestamp(), value: v.int(MS) });
    expect(smt(VALUE, { "target.type": "unix", "unix.precision": "microseconds" })(r)?.value).toEqual(
      v.int(MS * 1000n),
    );
    expect(smt(VALUE, { "target.type": "unix", "unix.precision": "nanoseconds" })(r)?.value).toEqual(
      v.int(MS * 1_000_000n),
    );
  });

  it("parses a string with the pattern, leniently as SimpleDateFormat does", () => {
    const parse = smt(VALUE, { "target.type": "Date", format: "yyyy-MM-dd" });
    // February 30th rolls over to March 2nd.
    expect(parse(record({ valueSchema: s.string(), value: v.str("2023-02-30") }))).toEqual(
      record({ valueSchema: s.date(), value: v.int(19418) }),
    );
    expect(causeOf(() => parse(record({ valueSchema: s.string(), value: v.str("nope") })))).toEqual(
      new DataError("Could not parse timestamp: value (nope) does not match pattern (yyyy-MM-dd)"),
    );
  });

  it("gives a null whole value the target's schema", () => {
    const out = smt(VALUE, { "target.type": "unix" })(
      record({ valueSchema: s.timestamp({ optional: true }) }),
    );
    expect(out).toEqual(record({ valueSchema: s.int64({ optional: true }) }));
  });
});

describe("TimestampConverter without a schema", () => {
  it("reads a string field with the pattern and writes a Timestamp as its milliseconds", () => {
    const out = smt("TimestampConverter$Value", {
      field: "when",
      "target.type": "Timestamp",
      format: "yyyy-MM-dd'T'HH:mm:ss.SSSX",
    })(record({ value: v.map({ when: v.str("2023-11-14T23:13:20.000+01:00"), other: v.int(1) }) }));
    expect(out?.value).toEqual(v.map({ when: v.int(MS), other: v.int(1) }));
  });

  it("reads an integer as unix time and formats it", () => {
    const out = smt("TimestampConverter$Key", { "target.type": "string", format: "EEE, d MMM yyyy HH:mm z" })(
      record({ key: v.int(MS) }),
    );
    expect(out?.key).toEqual(v.str("Tue, 14 Nov 2023 22:13 UTC"));
  });

  it("refuses a value that is neither a string nor an integer", () => {
    expect(causeOf(() => smt(VALUE, { "target.type": "unix" })(record({ value: v.float(1.5) })))).toEqual(
      new DataError("TimestampConverter does not support floatValue objects as timestamps"),
    );
  });
});

describe("TimestampConverter config", () => {
  const base = { transforms: "t", "transforms.t.type": VALUE };
  it.each([
    [
      { "transforms.t.target.type": "string" },
      "transforms.t.format",
      "TimestampConverter requires format option to be specified when using string timestamps",
    ],
    [
      { "transforms.t.target.type": "date" },
      "transforms.t.target.type",
      "Invalid value date for configuration transforms.t.target.type: String must be one of: string, unix, Date, Time, Timestamp",
    ],
    [
      { "transforms.t.target.type": "unix", "transforms.t.format": "yyyy-qq" },
      "transforms.t.format",
      "Invalid value yyyy-qq for configuration transforms.t.format: not a SimpleDateFormat-compatible pattern: Illegal pattern character 'q'",
    ],
  ])("reports %j", (keys, key, message) => {
    expect(validateTransformConfig({ ...base, ...keys })).toEqual([{ key, message }]);
  });
});
