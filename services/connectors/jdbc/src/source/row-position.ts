import { FatalError, type PlainMap, type PlainValue } from "@connect-mesh/connector-sdk";

/** How far into a table or query the source has read: what its stored offset says. */
export interface RowPosition {
  /** The last timestamp read in full, in microseconds since the epoch (timestamp modes). */
  readonly timestampMicros?: bigint;
  /** The last incrementing value read (incrementing modes). */
  readonly incrementing?: bigint;
}

/**
 * The offset stored for a position, in Confluent's shape so that tools reading Connect offsets understand
 * it: `{"incrementing": 42}`, `{"timestamp": <epoch ms>, "timestamp_nanos": <nanoseconds within the second>}`,
 * or both. A bulk read has no position: `{}`.
 */
export function toOffset(position: RowPosition): PlainMap {
  const offset: Record<string, PlainValue> = {};
  if (position.incrementing !== undefined) offset.incrementing = position.incrementing;
  if (position.timestampMicros !== undefined) {
    const micros = position.timestampMicros;
    const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
    const microsOfSecond = micros - seconds * 1_000_000n;
    offset.timestamp = seconds * 1000n + microsOfSecond / 1000n;
    offset.timestamp_nanos = microsOfSecond * 1000n;
  }
  return offset;
}

/** The position a stored offset names; an empty position without one, so reading starts at the beginning. */
export function fromOffset(offset: PlainValue | undefined): RowPosition {
  if (offset === undefined || offset === null) return {};
  if (typeof offset !== "object" || Array.isArray(offset) || offset instanceof Uint8Array) {
    throw unreadable(offset);
  }
  const map = offset as PlainMap;
  const incrementing = integerOf(map.incrementing, offset);
  const millis = integerOf(map.timestamp, offset);
  const nanos = integerOf(map.timestamp_nanos, offset);
  if (millis === undefined) return incrementing === undefined ? {} : { incrementing };
  // timestamp_nanos holds the whole sub-second part; timestamp's own milliseconds are already in it.
  const secondMicros = (millis / 1000n - (millis % 1000n < 0n ? 1n : 0n)) * 1_000_000n;
  const timestampMicros = nanos === undefined ? millis * 1000n : secondMicros + nanos / 1000n;
  return incrementing === undefined ? { timestampMicros } : { timestampMicros, incrementing };
}

function integerOf(value: PlainValue | undefined, offset: PlainValue): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw unreadable(offset);
}

function unreadable(offset: PlainValue): FatalError {
  return new FatalError(
    `the stored offset ${JSON.stringify(offset, (_, v) => (typeof v === "bigint" ? v.toString() : v))} is not one ` +
      "the JDBC source wrote; reset the connector's offsets (stop it, then DELETE /connectors/<name>/offsets)",
  );
}
