/** The characters that end a token and are tokens themselves, unless a backslash escapes them. */
const DELIMITERS = new Set([":", ",", "{", "}", "[", "]", '"'].map((c) => c.charCodeAt(0)));
const BACKSLASH = 0x5c;

/**
 * Splits text into the tokens Connect's Values.parseString reads (its Values.Parser): each delimiter
 * (`: , { } [ ] "`) is a token, and the text between delimiters is a token, whitespace included. A backslash
 * makes the next delimiter ordinary text, and the backslash stays in the token.
 *
 * The parser looks ahead and backs up, so the tokenizer works by position: `mark` says where the next token
 * starts, `rewindTo` goes back there. Tokens that are only whitespace are skipped when looking for an
 * expected token (`canConsume`), and lost then, as in Connect; the parser's quirks depend on it.
 */
export class ValuesTokenizer {
  private index = 0;
  /** A token read ahead by canConsume and not yet taken. */
  private peeked: string | undefined;
  private last: string | undefined;

  constructor(readonly original: string) {}

  /** Where reading has got to, past any token read ahead. */
  position(): number {
    return this.index;
  }

  /** Where the next token starts. */
  mark(): number {
    return this.index - (this.peeked?.length ?? 0);
  }

  /** Goes back (or forward) to a position from `mark`, forgetting the read-ahead and the last token. */
  rewindTo(position: number): void {
    this.index = position;
    this.peeked = undefined;
    this.last = undefined;
  }

  hasNext(): boolean {
    return this.peeked !== undefined || this.index < this.original.length;
  }

  /** Takes the next token; at the end of the text it is empty. */
  next(): string {
    const token = this.peeked ?? this.readToken();
    this.peeked = undefined;
    this.last = token;
    return token;
  }

  /** The text of the next `n` tokens, taken together; undefined (and nothing taken) if fewer are left. */
  nextTokens(n: number): string | undefined {
    const start = this.mark();
    for (let i = 0; i < n; i++) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return undefined;
      }
      this.next();
    }
    return this.original.slice(start, this.position());
  }

  /** The token `next` returned last, if nothing has been rewound since. */
  previous(): string | undefined {
    return this.last;
  }

  /**
   * Takes the next token if, trimmed, it is `expected`. Whitespace-only tokens before it are skipped either
   * way. A token that does not match stays read ahead.
   */
  canConsume(expected: string): boolean {
    if (this.peeked === undefined) {
      if (!this.hasNext()) return false;
      this.peeked = this.readToken();
    }
    while (isBlank(this.peeked) && this.index < this.original.length) this.peeked = this.readToken();
    if (javaTrim(this.peeked) !== expected) return false;
    this.peeked = undefined;
    return true;
  }

  private readToken(): string {
    const start = this.index;
    let isEscaped = false;
    while (this.index < this.original.length) {
      const c = this.original.charCodeAt(this.index);
      if (c === BACKSLASH) {
        isEscaped = !isEscaped;
      } else if (DELIMITERS.has(c) && !isEscaped) {
        if (start < this.index) return this.original.slice(start, this.index);
        this.index++;
        return this.original.charAt(start);
      } else {
        isEscaped = false;
      }
      this.index++;
    }
    return this.original.slice(start);
  }
}

/** Java's String.trim: drops characters up to U+0020 from both ends (JavaScript's trim drops others). */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/** Kafka's Utils.isBlank: nothing but characters up to U+0020. */
export function isBlank(text: string): boolean {
  return javaTrim(text) === "";
}
