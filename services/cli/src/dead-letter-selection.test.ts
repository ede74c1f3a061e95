import { describe, expect, it } from "vitest";
import { isSelected } from "./dead-letter-selection.js";
import type { KafkaRecord } from "./kafka-record-reader.js";

const record = (overrides: Partial<KafkaRecord> = {}): KafkaRecord => ({
  topic: "dlq-orders",
  partition: 0,
  offset: "3",
  key: Buffer.from("order-17"),
  value: Buffer.from('{"amount":"x"}'),
  headers: new Map([["__connect.errors.exception.message", "amount is not a number"]]),
  rawHeaders: {},
  timestamp: "1709300700000",
  ...overrides,
});

describe("isSelected", () => {
  it("takes every record when nothing narrows the selection", () => {
    expect(isSelected(record(), {})).toBe(true);
  });

  it.each([
    ["the key", "order-17", true],
    ["the value", '"amount"', true],
    ["a header", "not a number", true],
    ["nothing", "order-18", false],
  ])("with --filter, matches text in %s", (_, filter, selected) => {
    expect(isSelected(record(), { filter })).toBe(selected);
  });

  it("with --since, takes records parked at or after the time", () => {
    expect(isSelected(record(), { sinceMs: 1709300700000 })).toBe(true);
    expect(isSelected(record(), { sinceMs: 1709300700001 })).toBe(false);
  });

  it("matches a filter against null keys and values without failing", () => {
    expect(isSelected(record({ key: null, value: null, headers: new Map() }), { filter: "x" })).toBe(false);
  });
});
