import type { SourceOffset, Value } from "@connect-mesh/proto";
import { ProtocolError } from "./protocol-errors.js";
import { valueKey } from "./value-key.js";

/** Batches covered by one ack: the sequence acked through and the newest offset per source partition. */
export interface AckedBatches {
  readonly throughSequence: bigint;
  readonly offsets: readonly SourceOffset[];
}

interface SentBatch {
  readonly sequence: bigint;
  readonly offsets: ReadonlyMap<string, SourceOffset>;
}

/**
 * Numbers the batches a source stream sends (from 1) and turns the worker's cumulative acks into the
 * offsets they make durable. It keeps only each unacked batch's newest offset per source partition, not
 * its records, and unacked batches are bounded by the credit the worker granted.
 */
export class BatchLedger {
  private lastSent = 0n;
  private lastAcked = 0n;
  private readonly unacked: SentBatch[] = [];

  /** The sequence of the newest batch sent; 0 before the first. */
  get sentThrough(): bigint {
    return this.lastSent;
  }

  /** Records a batch as sent and returns its sequence. */
  recordSent(
    records: readonly {
      readonly sourcePartition: Value | undefined;
      readonly sourceOffset: Value | undefined;
    }[],
  ): bigint {
    const offsets = new Map<string, SourceOffset>();
    // Connectors mostly give a partition's records one partition object (the file source does), so its key
    // is made once per run of the same object rather than once per record; nothing can change it mid-loop.
    let lastPartition: Value | undefined;
    let lastKey: string | undefined;
    for (const record of records) {
      const key =
        lastKey !== undefined && record.sourcePartition === lastPartition
          ? lastKey
          : valueKey(record.sourcePartition);
      lastPartition = record.sourcePartition;
      lastKey = key;
      // Later records in a batch are further along, so the last one per partition wins.
      offsets.set(key, { partition: record.sourcePartition, offset: record.sourceOffset });
    }
    this.lastSent += 1n;
    this.unacked.push({ sequence: this.lastSent, offsets });
    return this.lastSent;
  }

  /**
   * Applies a cumulative ack. Returns what it newly covers, or undefined when it covers nothing new (a
   * repeated or older ack, which is harmless). Throws a ProtocolError for an ack of a batch never sent.
   */
  acknowledge(throughSequence: bigint): AckedBatches | undefined {
    if (throughSequence > this.lastSent) {
      throw new ProtocolError(
        `ack through batch ${throughSequence}, but only ${this.lastSent} batches were sent on this stream`,
      );
    }
    if (throughSequence <= this.lastAcked) return undefined;
    const merged = new Map<string, SourceOffset>();
    while (this.unacked.length > 0 && (this.unacked[0]?.sequence ?? 0n) <= throughSequence) {
      const batch = this.unacked.shift();
      if (batch === undefined) break;
      for (const [key, offset] of batch.offsets) merged.set(key, offset);
    }
    this.lastAcked = throughSequence;
    return { throughSequence, offsets: [...merged.values()] };
  }
}

/** Merges two acks into one covering both: the later sequence, and per partition the later offset. */
export function mergeAcked(earlier: AckedBatches, later: AckedBatches): AckedBatches {
  const merged = new Map<string, SourceOffset>();
  for (const offset of [...earlier.offsets, ...later.offsets]) merged.set(valueKey(offset.partition), offset);
  return { throughSequence: later.throughSequence, offsets: [...merged.values()] };
}
