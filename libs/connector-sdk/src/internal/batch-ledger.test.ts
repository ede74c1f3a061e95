import type { SourceOffset } from "@connect-mesh/proto";
import { describe, expect, it, vi } from "vitest";
import { fromValue, toValue } from "../plain-value.js";
import { BatchLedger, mergeAcked } from "./batch-ledger.js";
import { ProtocolError } from "./protocol-errors.js";
import { valueKey } from "./value-key.js";

// Counted, to see how often a batch's partitions are keyed; it still computes the real key.
vi.mock("./value-key.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./value-key.js")>();
  return { valueKey: vi.fn(original.valueKey) };
});

const record = (file: string, position: number) => ({
  sourcePartition: toValue({ filename: file }),
  sourceOffset: toValue({ position }),
});

const plainOffsets = (offsets: readonly SourceOffset[]) =>
  offsets.map((o) => ({ partition: fromValue(o.partition), offset: fromValue(o.offset) }));

describe("BatchLedger.recordSent", () => {
  it("numbers batches from 1, one more per batch", () => {
    const ledger = new BatchLedger();
    expect(ledger.recordSent([record("a", 1)])).toBe(1n);
    expect(ledger.recordSent([record("a", 2)])).toBe(2n);
    expect(ledger.sentThrough).toBe(2n);
  });

  it("keys a partition object that records share once per run of them, and equal objects alike", () => {
    const ledger = new BatchLedger();
    const shared = toValue({ filename: "a" });
    const records = [1, 2, 3].map((position) => ({
      sourcePartition: shared,
      sourceOffset: toValue({ position }),
    }));
    vi.mocked(valueKey).mockClear();
    ledger.recordSent([...records, record("b", 10), record("a", 4)]);
    expect(valueKey).toHaveBeenCalledTimes(3);
    expect(plainOffsets(ledger.acknowledge(1n)?.offsets ?? [])).toEqual([
      { partition: { filename: "a" }, offset: { position: 4n } },
      { partition: { filename: "b" }, offset: { position: 10n } },
    ]);
  });
});

describe("BatchLedger.acknowledge", () => {
  it("covers every batch through the acked one, with the newest offset per partition", () => {
    const ledger = new BatchLedger();
    ledger.recordSent([record("a", 1), record("b", 10), record("a", 2)]);
    ledger.recordSent([record("a", 3)]);
    ledger.recordSent([record("b", 11)]);
    const acked = ledger.acknowledge(2n);
    expect(acked?.throughSequence).toBe(2n);
    expect(plainOffsets(acked?.offsets ?? [])).toEqual([
      { partition: { filename: "a" }, offset: { position: 3n } },
      { partition: { filename: "b" }, offset: { position: 10n } },
    ]);
    expect(plainOffsets(ledger.acknowledge(3n)?.offsets ?? [])).toEqual([
      { partition: { filename: "b" }, offset: { position: 11n } },
    ]);
  });

  it("ignores an ack that covers nothing new", () => {
    const ledger = new BatchLedger();
    ledger.recordSent([record("a", 1)]);
    ledger.acknowledge(1n);
    expect(ledger.acknowledge(1n)).toBeUndefined();
    expect(ledger.acknowledge(0n)).toBeUndefined();
  });

  it("refuses an ack of a batch never sent", () => {
    const ledger = new BatchLedger();
    ledger.recordSent([record("a", 1)]);
    expect(() => ledger.acknowledge(2n)).toThrow(ProtocolError);
  });
});

describe("mergeAcked", () => {
  it("keeps the later sequence and the later offset of each partition", () => {
    const ledger = new BatchLedger();
    ledger.recordSent([record("a", 1), record("b", 5)]);
    ledger.recordSent([record("a", 2)]);
    const first = ledger.acknowledge(1n);
    const second = ledger.acknowledge(2n);
    if (first === undefined || second === undefined) throw new Error("both acks cover new batches");
    const merged = mergeAcked(first, second);
    expect(merged.throughSequence).toBe(2n);
    expect(plainOffsets(merged.offsets)).toEqual([
      { partition: { filename: "a" }, offset: { position: 2n } },
      { partition: { filename: "b" }, offset: { position: 5n } },
    ]);
  });
});
