/**
 * The lines the bench writes. Every line is unique (it starts with its sequence number), holds only
 * characters JSON needs no escape for (so JsonConverter's output has a fixed size), and is exactly
 * `lineBytes` bytes long including its newline.
 */

const FILLER_UNIT = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const FILLER = FILLER_UNIT.repeat(Math.ceil((64 * 1024) / FILLER_UNIT.length));
const SEQUENCE_DIGITS = 10;
const MICROS_DIGITS = 17;

/** The shortest line the formats fit in: the sequence number, a timestamp, separators and a newline. */
export const MIN_LINE_BYTES = SEQUENCE_DIGITS + MICROS_DIGITS + 3;

/** Line `sequence` of a throughput workload, newline included. */
export function throughputLine(sequence: number, lineBytes: number): string {
  return padded(String(sequence).padStart(SEQUENCE_DIGITS, "0"), lineBytes);
}

/** Line `sequence` of a latency run, carrying the moment it was written (µs since the epoch). */
export function latencyLine(sequence: number, writtenAtMicros: number, lineBytes: number): string {
  const head = `${String(sequence).padStart(SEQUENCE_DIGITS, "0")} ${String(writtenAtMicros).padStart(MICROS_DIGITS, "0")}`;
  return padded(head, lineBytes);
}

/** The sequence number and write time of a latency line (without or with its newline); undefined if it is not one. */
export function parseLatencyLine(line: string): { sequence: number; writtenAtMicros: number } | undefined {
  const sequence = Number(line.slice(0, SEQUENCE_DIGITS));
  const writtenAtMicros = Number(line.slice(SEQUENCE_DIGITS + 1, SEQUENCE_DIGITS + 1 + MICROS_DIGITS));
  if (
    line[SEQUENCE_DIGITS] !== " " ||
    !Number.isSafeInteger(sequence) ||
    !Number.isSafeInteger(writtenAtMicros)
  )
    return undefined;
  return { sequence, writtenAtMicros };
}

/**
 * What Kafka Connect's JsonConverter (schemas.enable=true) makes of a line read by FileStreamSource: a
 * STRING schema and the line as payload. Rows A and B put these bytes on the topic, so every row moves
 * the same records through the broker.
 */
export function jsonConverterEnvelope(lineWithoutNewline: string): string {
  return `{"schema":{"type":"string","optional":false},"payload":"${lineWithoutNewline}"}`;
}

/** The size of a record's value on the topic for lines of `lineBytes` bytes. */
export function envelopeBytes(lineBytes: number): number {
  return jsonConverterEnvelope("x".repeat(lineBytes - 1)).length;
}

function padded(head: string, lineBytes: number): string {
  const fill = lineBytes - 1 - head.length - 1;
  if (fill < 0) throw new RangeError(`a line needs at least ${head.length + 2} bytes, not ${lineBytes}`);
  return `${head} ${FILLER.slice(0, fill)}\n`;
}
