import { FatalError, toValue } from "@connect-mesh/connector-sdk";
import { Record as ConnectRecord, type Value } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { type ActionSettings, type BulkAction, bulkActionFor, documentIdOf } from "./bulk-actions.js";

const NAME = toValue({ name: "Ann" });

function record(key: Value | undefined, value: Value | undefined, offset = 42n): ConnectRecord {
  return ConnectRecord.fromPartial({
    topic: "orders",
    key,
    value,
    kafkaPosition: { topic: "orders", partition: 2, offset },
  });
}

const settings = (overrides: Partial<ActionSettings> = {}): ActionSettings => ({
  writeMethod: "insert",
  nullValues: "fail",
  ignoresKey: () => false,
  retryOnConflict: 3,
  ...overrides,
});

/** Each line parsed, which also checks that every line is valid JSON. */
const parsedLines = (action: BulkAction | undefined): unknown[] | undefined =>
  action?.lines.map((line) => JSON.parse(line));

describe("documentIdOf", () => {
  it("is topic+partition+offset when the key is ignored", () => {
    expect(documentIdOf(record(toValue("k1"), NAME), true)).toBe("orders+2+42");
  });

  it.each([
    ["a string", toValue("k1"), "k1"],
    ["an integer", toValue(2n ** 62n), "4611686018427387904"],
  ])("is the key when it is %s", (_kind, key, id) => {
    expect(documentIdOf(record(key, NAME), false)).toBe(id);
  });

  it.each([
    ["no key", undefined, /cannot be null/],
    ["a null key", toValue(null), /cannot be null/],
    ["an empty key", toValue(""), /cannot be empty/],
    ["a struct key", { kind: { $case: "structValue", value: { fields: [] } } } as Value, /a struct key/],
    ["a float key", toValue(1.5), /a float key/],
  ])("refuses %s", (_kind, key, message) => {
    expect(() => documentIdOf(record(key, NAME), false)).toThrow(FatalError);
    expect(() => documentIdOf(record(key, NAME), false)).toThrow(message);
  });
});

describe("bulkActionFor", () => {
  it("indexes under the key with the offset as external version", () => {
    const action = bulkActionFor(record(toValue("k1"), NAME), "orders", settings());
    expect(action).toMatchObject({ verb: "index", index: "orders", isVersioned: true });
    expect(parsedLines(action)).toEqual([
      { index: { _index: "orders", _id: "k1", version: 42, version_type: "external" } },
      { name: "Ann" },
    ]);
  });

  it("writes an offset beyond 2^53 as the version with every digit", () => {
    const action = bulkActionFor(record(toValue("k1"), NAME, 2n ** 60n), "orders", settings());
    expect(action?.lines[0]).toContain('"version":1152921504606846976,');
  });

  it("indexes under topic+partition+offset without a version when the key is ignored", () => {
    const action = bulkActionFor(record(toValue("k1"), NAME), "orders", settings({ ignoresKey: () => true }));
    expect(action?.isVersioned).toBe(false);
    expect(parsedLines(action)).toEqual([
      { index: { _index: "orders", _id: "orders+2+42" } },
      { name: "Ann" },
    ]);
  });

  it("upserts with doc_as_upsert and retry_on_conflict, without a version", () => {
    const action = bulkActionFor(record(toValue("k1"), NAME), "orders", settings({ writeMethod: "upsert" }));
    expect(action).toMatchObject({ verb: "update", isVersioned: false });
    expect(parsedLines(action)).toEqual([
      { update: { _index: "orders", _id: "k1", retry_on_conflict: 3 } },
      { doc: { name: "Ann" }, doc_as_upsert: true },
    ]);
  });

  it("keeps a key with quotes and backslashes as it is in valid JSON", () => {
    const action = bulkActionFor(record(toValue('a"b\\c'), NAME), "orders", settings());
    expect(parsedLines(action)?.[0]).toMatchObject({ index: { _id: 'a"b\\c' } });
  });

  it("deletes the key's document on a tombstone under delete, with the offset as version", () => {
    const action = bulkActionFor(
      record(toValue("k1"), undefined),
      "orders",
      settings({ nullValues: "delete" }),
    );
    expect(action).toMatchObject({ verb: "delete", isVersioned: true });
    expect(parsedLines(action)).toEqual([
      { delete: { _index: "orders", _id: "k1", version: 42, version_type: "external" } },
    ]);
  });

  it.each<[string, Partial<ActionSettings>, Value | undefined]>([
    ["under ignore", { nullValues: "ignore" }, toValue("k1")],
    ["under delete without a key", { nullValues: "delete" }, undefined],
    ["under delete with a null key", { nullValues: "delete" }, toValue(null)],
    ["under delete with the key ignored", { nullValues: "delete", ignoresKey: () => true }, toValue("k1")],
  ])("skips a tombstone %s", (_case, overrides, key) => {
    expect(bulkActionFor(record(key, toValue(null)), "orders", settings(overrides))).toBeUndefined();
  });

  it("refuses a tombstone under fail, saying which setting skips it", () => {
    const tombstone = record(toValue("k1"), undefined);
    expect(() => bulkActionFor(tombstone, "orders", settings())).toThrow(FatalError);
    expect(() => bulkActionFor(tombstone, "orders", settings())).toThrow(/behavior\.on\.null\.values=ignore/);
  });
});
