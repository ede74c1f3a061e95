import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * Pins what the patched kafkajs record decoder (patches/kafkajs+2.2.4.patch) reads: offsets and timestamps
 * as exact decimal strings, through numbers where they are safe and a Long where they are not. These reach
 * into kafkajs's own modules, which have no typings, so each is given the shape this test uses.
 */
const require = createRequire(import.meta.url);

const encodeRecord = require("kafkajs/src/protocol/recordBatch/record/v0/index.js") as (record: {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer;
}) => { buffer: Buffer };

const Decoder = require("kafkajs/src/protocol/decoder.js") as new (
  buffer: Buffer,
) => { readVarIntBytes(): Buffer };

const decodeRecord = require("kafkajs/src/protocol/recordBatch/record/v0/decoder.js") as (
  decoder: unknown,
  batch: { firstOffset: string; firstTimestamp: string; timestampType: number },
) => { offset: string; timestamp: string; value: Buffer };

/** CreateTime: each record's timestamp is the batch's first plus its delta. */
const CREATE_TIME = 0;

/** One record encoded as a batch holds it, then decoded against the batch's first offset and timestamp. */
function roundTrip(firstOffset: string, offsetDelta: number, firstTimestamp: string, timestampDelta: number) {
  const { buffer } = encodeRecord({ offsetDelta, timestampDelta, key: null, value: Buffer.from("v") });
  const body = new Decoder(buffer).readVarIntBytes();
  return decodeRecord(new Decoder(body), { firstOffset, firstTimestamp, timestampType: CREATE_TIME });
}

describe("kafkajs's record decoder, as patched", () => {
  it.each([
    ["a small delta", "41", 1, "1700000000000", 5, "42", "1700000000005"],
    ["a negative timestamp delta", "0", 0, "1700000000000", -3, "0", "1699999999997"],
    ["a timestamp delta of five varint bytes", "7", 0, "1000", 2 ** 40, "7", String(1000 + 2 ** 40)],
    ["an offset past 2^53", "9007199254740991", 2, "1", 0, "9007199254740993", "1"],
  ])("reads %s exactly", (_, firstOffset, offsetDelta, firstTimestamp, timestampDelta, offset, timestamp) => {
    const record = roundTrip(firstOffset, offsetDelta, firstTimestamp, timestampDelta);
    expect(record).toMatchObject({ offset, timestamp });
    expect(record.value.toString()).toBe("v");
  });
});
