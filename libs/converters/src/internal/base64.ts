import { DataError } from "@connect-mesh/data";

/** Standard alphabet; the final group may be padded or not. Whitespace and URL-safe characters are not. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * Decodes standard base64, the way Connect's JSON carries BYTES and Decimal values. Buffer.from(…, "base64")
 * alone would skip any character it does not know and return whatever is left, turning a corrupt field
 * into wrong bytes instead of an error.
 *
 * @param where - how the value is named in the error, e.g. `field "photo"`.
 */
export function decodeBase64(text: string, where: string): Buffer {
  if (!BASE64.test(text)) {
    throw new DataError(`${where} should be base64 (standard alphabet), but the JSON string is not`);
  }
  return Buffer.from(text, "base64");
}

/** Encodes bytes as standard, padded base64, as Jackson writes binary values. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
