import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * Pins the patched kafkajs record batch checksum (patches/kafkajs+2.2.4.patch: eight bytes a step) to
 * CRC-32C by its definition, bit by bit, on every length up to past a 1 KB record and from every alignment
 * of a step.
 */
const require = createRequire(import.meta.url);
const crc32C = require("kafkajs/src/protocol/recordBatch/crc32C/index.js") as (buffer: Buffer) => number;

/** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) one bit at a time. */
function crc32cByDefinition(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Deterministic bytes, so a failure names the same input every time. */
function bytesOf(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe("kafkajs's CRC-32C, as patched", () => {
  it("gives the standard check value for 123456789", () => {
    expect(crc32C(Buffer.from("123456789"))).toBe(0xe3069283);
  });

  it("equals CRC-32C by definition for every length to 1,100 bytes, at every offset into a buffer", () => {
    for (let length = 0; length <= 1_100; length++) {
      const buffer = bytesOf(length + 8, length);
      const view = buffer.subarray(length % 8, (length % 8) + length);
      expect(crc32C(view), `length ${length}`).toBe(crc32cByDefinition(view));
    }
  });
});
