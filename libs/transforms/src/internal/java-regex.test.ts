import { describe, expect, it } from "vitest";
import { JavaPattern, parseJavaReplacement } from "./java-regex.js";

describe("JavaPattern", () => {
  it.each([
    ["a.c", "abc", true],
    ["a.c", "xabc", false],
    ["(?i)abc", "ABC", true],
    ["\\Aab\\z", "ab", true],
    // \Z may sit before a final line break, but matches() must still consume the whole text.
    ["ab\\Z", "ab\n", false],
    ["ab\\Z\n", "ab\n", true],
    ["a|ab", "ab", true],
    ["\\-x", "-x", true],
  ])("matches(%j) on %j is %s, over the whole text", (pattern, text, expected) => {
    expect(JavaPattern.compile(pattern).matches(text)).toBe(expected);
  });

  it("replaces the first match found from the start, as replaceFirst does after matches()", () => {
    const pattern = JavaPattern.compile("a|ab");
    // matches() accepts "ab", but the first match found is "a".
    expect(pattern.replaceFirst("ab", parseJavaReplacement("X", pattern))).toBe("Xb");
  });

  it.each([
    ["(?x)a", /not supported here/],
    ["a++", /Invalid regular expression|Nothing to repeat/],
  ])("refuses %j", (pattern, message) => {
    expect(() => JavaPattern.compile(pattern)).toThrow(message);
  });
});

describe("parseJavaReplacement", () => {
  const pattern = JavaPattern.compile("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(?<last>l)");

  it("reads the longest group number that exists, named groups and escapes", () => {
    const text = "abcdefghijkl";
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Java's named-group reference, not a template
    const replacement = parseJavaReplacement("$12|$1|${last}|\\$1", pattern);
    expect(pattern.replaceFirst(text, replacement)).toBe("l|a|l|$1");
    expect(pattern.replaceFirst(text, parseJavaReplacement("$123", pattern))).toBe("l3");
  });

  it.each([
    ["$", "Illegal group reference: group index is missing"],
    ["$x", "Illegal group reference"],
    ["\\", "character to be escaped is missing"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Java's named-group reference, not a template
    ["${nope}", "No group with name {nope}"],
    ["${last", "named capturing group is missing trailing '}'"],
  ])("refuses %j", (replacement, message) => {
    expect(() => parseJavaReplacement(replacement, pattern)).toThrow(message);
  });
});
