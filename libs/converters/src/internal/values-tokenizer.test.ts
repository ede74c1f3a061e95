import { describe, expect, it } from "vitest";
import { javaTrim, ValuesTokenizer } from "./values-tokenizer.js";

const tokensOf = (text: string): string[] => {
  const tokenizer = new ValuesTokenizer(text);
  const tokens: string[] = [];
  while (tokenizer.hasNext()) tokens.push(tokenizer.next());
  return tokens;
};

describe("ValuesTokenizer", () => {
  // Each row is how Connect's Values.Parser splits the same text (its ValuesTest).
  it.each<[string, string[]]>([
    ["simple string", ["simple string"]],
    ["si\\mple", ["si\\mple"]],
    ['si\\"mple', ['si\\"mple']],
    ["si\\:mple", ["si\\:mple"]],
    ["si\\\\:mple", ["si\\\\", ":", "mple"]],
    ["a{b", ["a", "{", "b"]],
    ['a"b', ["a", '"', "b"]],
    [",b", [",", "b"]],
    ["]", ["]"]],
    ['"simple" string', ['"', "simple", '"', " string"]],
    ["a { b c } d", ["a ", "{", " b c ", "}", " d"]],
  ])("splits %j into %j", (text, expected) => {
    expect(tokensOf(text)).toEqual(expected);
  });

  it("takes several tokens as one text, or none when too few are left", () => {
    const tokenizer = new ValuesTokenizer("a:b:c:d:e:f:g:h");
    expect(tokenizer.nextTokens(5)).toBe("a:b:c");
    expect(tokenizer.next()).toBe(":");
    expect(tokenizer.next()).toBe("d");
    expect(tokenizer.next()).toBe(":");
    expect(tokenizer.nextTokens(8)).toBeUndefined();
    expect(tokenizer.next()).toBe("e");
  });

  it("skips whitespace tokens when looking for one, and keeps a mismatch read ahead", () => {
    const tokenizer = new ValuesTokenizer("  ,  x");
    expect(tokenizer.canConsume("[")).toBe(false);
    expect(tokenizer.mark()).toBe(2);
    expect(tokenizer.canConsume(",")).toBe(true);
    expect(tokenizer.canConsume("x")).toBe(true);
    expect(tokenizer.hasNext()).toBe(false);
  });

  it("goes back to a mark", () => {
    const tokenizer = new ValuesTokenizer("[1,2]");
    tokenizer.next();
    const mark = tokenizer.mark();
    expect(tokenizer.next()).toBe("1");
    tokenizer.rewindTo(mark);
    expect(tokenizer.previous()).toBeUndefined();
    expect(tokenizer.next()).toBe("1");
    expect(tokenizer.previous()).toBe("1");
  });
});

describe("javaTrim", () => {
  it("drops control characters and spaces but not other Unicode spaces, as Java's trim does", () => {
    expect(javaTrim("\u0000\t a \n\u001f")).toBe("a");
    expect(javaTrim("\u00a0a\u2003")).toBe("\u00a0a\u2003");
  });
});
