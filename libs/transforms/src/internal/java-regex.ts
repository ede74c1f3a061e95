/**
 * Java regular expressions (java.util.regex.Pattern), as Connect's RegexRouter and TopicNameMatches use
 * them, run on JavaScript's engine. The common syntax is the same; the Java-only pieces people use in
 * topic patterns are translated: leading inline flags like `(?i)`, `\Q…\E` quoting, and the `\A`, `\z`,
 * `\Z` anchors. What neither engine shares (possessive quantifiers, atomic groups) is a config error.
 */
export class JavaPattern {
  /** The number of capturing groups. */
  readonly groupCount: number;
  /** The names of the named groups. */
  readonly groupNames: ReadonlySet<string>;
  private readonly whole: RegExp;
  private readonly first: RegExp;

  private constructor(source: string, flags: string) {
    this.first = new RegExp(source, flags);
    // Absolute anchors that a multiline flag cannot loosen, for Matcher.matches() on the whole input.
    this.whole = new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, flags);
    const empty = new RegExp(`${source}|`, flags).exec("");
    this.groupCount = (empty?.length ?? 1) - 1;
    this.groupNames = new Set(Object.keys(empty?.groups ?? {}));
  }

  /**
   * Compiles a Java pattern.
   *
   * @throws Error with the engine's message when the pattern is not valid.
   */
  static compile(pattern: string): JavaPattern {
    const { source, flags } = translate(pattern);
    try {
      return new JavaPattern(source, `${flags}u`);
    } catch {
      // Java accepts escapes such as `\-` that JavaScript's unicode mode refuses; its legacy mode takes them.
      return new JavaPattern(source, flags);
    }
  }

  /** Matcher.matches(): whether the whole text matches. */
  matches(text: string): boolean {
    return this.whole.test(text);
  }

  /** Matcher.replaceFirst(): the first match replaced by the expanded replacement; the text unchanged without one. */
  replaceFirst(text: string, replacement: JavaReplacement): string {
    const match = this.first.exec(text);
    if (match === null) return text;
    const expanded = replacement.parts
      .map((part) => {
        if (typeof part === "string") return part;
        return (typeof part.group === "number" ? match[part.group] : match.groups?.[part.group]) ?? "";
      })
      .join("");
    return `${text.slice(0, match.index)}${expanded}${text.slice(match.index + match[0].length)}`;
  }
}

/** A parsed Matcher replacement string: literal text and group references. */
export interface JavaReplacement {
  readonly parts: ReadonlyArray<string | { readonly group: number | string }>;
}

/**
 * Parses a replacement as Java's Matcher does: `$n` and `${name}` refer to groups (`$12` is group 12 only
 * when there are that many groups, else group 1 then "2"), and a backslash takes the next character
 * literally.
 *
 * @throws Error with Java's message for a reference to a group the pattern does not have.
 */
export function parseJavaReplacement(replacement: string, pattern: JavaPattern): JavaReplacement {
  const parts: Array<string | { group: number | string }> = [];
  let literal = "";
  const flush = () => {
    if (literal !== "") parts.push(literal);
    literal = "";
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement.charAt(i);
    if (c === "\\") {
      i++;
      if (i >= replacement.length) throw new Error("character to be escaped is missing");
      literal += replacement.charAt(i);
    } else if (c !== "$") {
      literal += c;
    } else {
      i++;
      if (i >= replacement.length) throw new Error("Illegal group reference: group index is missing");
      flush();
      if (replacement.charAt(i) === "{") {
        const end = replacement.indexOf("}", i);
        if (end < 0) throw new Error("named capturing group is missing trailing '}'");
        const name = replacement.slice(i + 1, end);
        if (!pattern.groupNames.has(name)) throw new Error(`No group with name {${name}}`);
        parts.push({ group: name });
        i = end;
        continue;
      }
      let group = digitAt(replacement, i);
      if (group === undefined) throw new Error("Illegal group reference");
      if (group > pattern.groupCount) throw new Error(`No group ${group}`);
      for (let next = digitAt(replacement, i + 1); next !== undefined; next = digitAt(replacement, i + 1)) {
        if (group * 10 + next > pattern.groupCount) break;
        group = group * 10 + next;
        i++;
      }
      parts.push({ group });
    }
  }
  flush();
  return { parts };
}

function digitAt(text: string, i: number): number | undefined {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : undefined;
}

const INLINE_FLAGS = /^\(\?([a-zA-Z]+)\)/;
const JS_FLAGS: ReadonlyMap<string, string> = new Map([
  ["i", "i"],
  ["s", "s"],
  ["m", "m"],
]);

function translate(pattern: string): { source: string; flags: string } {
  let rest = pattern;
  let flags = "";
  const inline = INLINE_FLAGS.exec(rest);
  if (inline) {
    for (const flag of inline[1] ?? "") {
      const js = JS_FLAGS.get(flag);
      if (js === undefined)
        throw new Error(`the inline flag (?${flag}) is not supported here; use (?i), (?s) or (?m)`);
      if (!flags.includes(js)) flags += js;
    }
    rest = rest.slice(inline[0].length);
  }
  let source = "";
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charAt(i);
    if (c !== "\\" || i + 1 >= rest.length) {
      source += c;
      continue;
    }
    const next = rest.charAt(++i);
    if (next === "Q") {
      const end = rest.indexOf("\\E", i + 1);
      const quoted = end < 0 ? rest.slice(i + 1) : rest.slice(i + 1, end);
      source += quoted.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
      i = end < 0 ? rest.length : end + 1;
    } else if (next === "A") {
      source += "(?<![\\s\\S])";
    } else if (next === "z") {
      source += "(?![\\s\\S])";
    } else if (next === "Z") {
      source += "(?=\\n?(?![\\s\\S]))";
    } else {
      source += `\\${next}`;
    }
  }
  return { source, flags };
}
