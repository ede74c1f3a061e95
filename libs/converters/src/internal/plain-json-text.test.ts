import { isUtf8 } from "node:buffer";
import { describe, expect, it } from "vitest";
import { isPlainJsonText } from "./plain-json-text.js";

/** The definition, one byte at a time. */
function isPlainByDefinition(bytes: Buffer): boolean {
  return bytes.every((byte) => byte >= 0x20 && byte !== 0x22 && byte !== 0x5c) && isUtf8(bytes);
}

/** Deterministic text-like bytes: mostly printable, now and then one that JSON must escape. */
function textLike(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const pick = state >>> 24;
    bytes[i] =
      pick < 4 ? pick * 9 : pick === 4 ? 0x22 : pick === 5 ? 0x5c : pick === 6 ? 0xff : 0x20 + (pick % 95);
  }
  return bytes;
}

describe("isPlainJsonText", () => {
  it("agrees with the byte-by-byte definition at every length and alignment", () => {
    let plain = 0;
    for (let seed = 0; seed < 4_000; seed++) {
      const length = seed % 70;
      const buffer = textLike(length + 4, seed);
      const view = buffer.subarray(seed % 4, (seed % 4) + length);
      expect(isPlainJsonText(view), view.toString("hex")).toBe(isPlainByDefinition(view));
      if (isPlainByDefinition(view)) plain++;
    }
    // Both answers must occur, or the comparison proves little.
    expect(plain).toBeGreaterThan(100);
    expect(plain).toBeLessThan(3_900);
  });

  it("takes multi-byte UTF-8 and refuses what JSON escapes or what is not UTF-8", () => {
    expect(isPlainJsonText(Buffer.from("é ✓ 日本語 😀 \u007f"))).toBe(true);
    expect(isPlainJsonText(Buffer.from("tab\there"))).toBe(false);
    expect(isPlainJsonText(Buffer.from('say "hi"'))).toBe(false);
    expect(isPlainJsonText(Buffer.from("back\\slash"))).toBe(false);
    expect(isPlainJsonText(Buffer.from([0x61, 0xc3]))).toBe(false);
  });
});
