import { describe, expect, it } from "vitest";
import { ConverterConfigError } from "../converter-config-error.js";
import { charsetFor } from "./charset.js";

describe("charsetFor", () => {
  // Each expected byte list is Java's "zé€".getBytes(charset).
  it.each([
    ["UTF-8", [0x7a, 0xc3, 0xa9, 0xe2, 0x82, 0xac]],
    ["utf8", [0x7a, 0xc3, 0xa9, 0xe2, 0x82, 0xac]],
    ["ISO-8859-1", [0x7a, 0xe9, 0x3f]],
    ["US-ASCII", [0x7a, 0x3f, 0x3f]],
    ["UTF-16BE", [0x00, 0x7a, 0x00, 0xe9, 0x20, 0xac]],
    ["UTF-16LE", [0x7a, 0x00, 0xe9, 0x00, 0xac, 0x20]],
    ["UTF-16", [0xfe, 0xff, 0x00, 0x7a, 0x00, 0xe9, 0x20, 0xac]],
  ])("encodes with %s as Java does", (name, bytes) => {
    expect([...charsetFor(name, "converter.encoding").encode("zé€")]).toEqual(bytes);
  });

  it.each(["UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16"])("decodes what it encodes with %s", (name) => {
    const charset = charsetFor(name, "converter.encoding");
    expect(charset.decode(charset.encode("zażółć 🚀"))).toBe("zażółć 🚀");
  });

  it.each([
    ["UTF-8", [0x61, 0xff], "a\ufffd"],
    ["US-ASCII", [0x61, 0xe9], "a\ufffd"],
    ["ISO-8859-1", [0x61, 0xe9], "aé"],
    ["UTF-16", [0xff, 0xfe, 0x61, 0x00], "a"],
  ])("decodes odd bytes with %s as Java does", (name, bytes, expected) => {
    expect(charsetFor(name, "converter.encoding").decode(Buffer.from(bytes))).toBe(expected);
  });

  it("refuses an unknown charset, listing the supported ones", () => {
    const lookUp = () => charsetFor("EBCDIC", "converter.encoding");
    expect(lookUp).toThrow(ConverterConfigError);
    expect(lookUp).toThrow(
      /converter.encoding="EBCDIC" is not a supported encoding; use one of UTF-8, ISO-8859-1/,
    );
  });
});
