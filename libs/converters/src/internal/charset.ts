import { ConverterConfigError } from "../converter-config-error.js";

/** Encodes and decodes text in one character set. */
export interface Charset {
  /** The canonical Java name, e.g. "UTF-8". */
  readonly name: string;
  /** Text to bytes; characters the charset cannot hold become "?". */
  encode(text: string): Buffer;
  /** Bytes to text; malformed bytes become U+FFFD. */
  decode(bytes: Buffer): string;
}

/**
 * Java charset names and their common aliases (case-insensitive, as Charset.forName is), for
 * StringConverter's `converter.encoding`. Only the standard charsets every JVM must have are supported.
 *
 * Unmappable characters become "?" on encode and malformed bytes become U+FFFD on decode, which is what
 * Java's StringSerializer and StringDeserializer do (they use String.getBytes and new String).
 */
const CHARSETS: ReadonlyMap<string, Charset> = new Map(
  [
    {
      names: ["UTF-8", "UTF8"],
      charset: {
        name: "UTF-8",
        encode: (text: string) => Buffer.from(text, "utf8"),
        decode: (bytes: Buffer) => bytes.toString("utf8"),
      },
    },
    {
      names: ["ISO-8859-1", "ISO8859_1", "ISO8859-1", "LATIN1", "ISO-LATIN-1"],
      charset: {
        name: "ISO-8859-1",
        encode: (text: string) => Buffer.from(replaceUnmappable(text, 0xff), "latin1"),
        decode: (bytes: Buffer) => bytes.toString("latin1"),
      },
    },
    {
      names: ["US-ASCII", "ASCII"],
      charset: {
        name: "US-ASCII",
        encode: (text: string) => Buffer.from(replaceUnmappable(text, 0x7f), "latin1"),
        // Node's "ascii" decoding keeps only the low 7 bits; Java maps a high byte to U+FFFD instead.
        decode: (bytes: Buffer) =>
          Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : "\ufffd")).join(""),
      },
    },
    {
      names: ["UTF-16BE", "UNICODEBIGUNMARKED"],
      charset: {
        name: "UTF-16BE",
        encode: encodeUtf16Be,
        decode: (bytes: Buffer) => decodeUtf16(bytes, "utf-16be"),
      },
    },
    {
      names: ["UTF-16LE", "UNICODELITTLEUNMARKED"],
      charset: {
        name: "UTF-16LE",
        encode: (text: string) => Buffer.from(text, "utf16le"),
        decode: (bytes: Buffer) => decodeUtf16(bytes, "utf-16le"),
      },
    },
    {
      // Java's "UTF-16" writes a big-endian byte order mark and reads either order, big-endian by default.
      names: ["UTF-16", "UTF16"],
      charset: {
        name: "UTF-16",
        encode: (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), encodeUtf16Be(text)]),
        decode: (bytes: Buffer) =>
          bytes[0] === 0xff && bytes[1] === 0xfe
            ? decodeUtf16(bytes.subarray(2), "utf-16le")
            : decodeUtf16(bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes, "utf-16be"),
      },
    },
  ].flatMap(({ names, charset }) => names.map((name) => [name, charset] as const)),
);

/**
 * The charset for a Java charset name.
 *
 * @throws ConverterConfigError listing the supported names.
 */
export function charsetFor(name: string, configKey: string): Charset {
  const charset = CHARSETS.get(name.trim().toUpperCase());
  if (charset) return charset;
  const supported = [...new Set([...CHARSETS.values()].map((c) => c.name))].join(", ");
  throw new ConverterConfigError(
    `${configKey}="${name}" is not a supported encoding; use one of ${supported}`,
    configKey,
  );
}

function replaceUnmappable(text: string, maxCode: number): string {
  let result = "";
  // Iterating by code point, so a character outside the BMP becomes one "?", as in Java.
  for (const ch of text) result += (ch.codePointAt(0) ?? 0) <= maxCode ? ch : "?";
  return result;
}

function encodeUtf16Be(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

function decodeUtf16(bytes: Buffer, encoding: "utf-16be" | "utf-16le"): string {
  // ignoreBOM keeps a mark the caller did not strip as U+FEFF text, as Java's UTF-16BE/LE decoders do.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}
