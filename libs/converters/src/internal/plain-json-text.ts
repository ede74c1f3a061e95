import { isUtf8 } from "node:buffer";

/** Every byte of a 32-bit word, 0x20 and 0x80: for finding a byte below 0x20 four at a time. */
const SPACES = 0x20202020;
const HIGH_BITS = 0x80808080;

/**
 * Whether UTF-8 text is its own JSON string content: valid UTF-8 with nothing JSON.stringify would escape
 * (a quote, a backslash, a control character below 0x20). A JSON string of it is then `"` + the bytes + `"`.
 * The quote and backslash are searched natively; control characters a word at a time, since this runs over
 * every byte of every flat record, on both the source and the sink side.
 */
export function isPlainJsonText(bytes: Buffer): boolean {
  return bytes.indexOf(0x22) === -1 && bytes.indexOf(0x5c) === -1 && !hasControlByte(bytes) && isUtf8(bytes);
}

function hasControlByte(bytes: Buffer): boolean {
  const end = bytes.length;
  let i = 0;
  // Byte by byte up to a 4-byte boundary of the underlying memory, which a Uint32Array view needs.
  for (; i < end && (bytes.byteOffset + i) % 4 !== 0; i++) if ((bytes[i] as number) < 0x20) return true;
  const words = (end - i) >>> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    for (let w = 0; w < words; w++) {
      const word = view[w] as number;
      // Sets a byte's high bit where that byte is below 0x20 (exact as to whether any is).
      if (((word - SPACES) & ~word & HIGH_BITS) !== 0) return true;
    }
    i += words * 4;
  }
  for (; i < end; i++) if ((bytes[i] as number) < 0x20) return true;
  return false;
}
