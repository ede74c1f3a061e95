import { FatalError } from "@connect-mesh/connector-sdk";

/** One complete line of the file. */
export interface Line {
  /** The line's text, without its terminator, decoded as UTF-8. */
  readonly text: string;
  /** The byte position just after the line's terminator: where reading resumes after this line. */
  readonly end: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts bytes read from a file into lines, keeping the byte position of each line's end.
 *
 * Line ends follow Kafka Connect's FileStreamSourceTask: "\n", "\r\n", and a lone "\r". A "\r" that is the
 * last byte read so far could still be the start of "\r\n", so the line waits for the next byte, as
 * Connect's does. Text after the last terminator is held until its terminator arrives: a partial last
 * line is never emitted. Positions count bytes, not characters (Connect counts characters, which goes
 * wrong on restart for non-ASCII text).
 *
 * Memory is bounded: the held partial line may grow to `maxLineBytes`, past which the file is refused.
 */
export class LineSplitter {
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  /** The held bytes end with a "\r" (not itself held) whose meaning depends on the next byte. */
  private isCrPending = false;
  /** The byte position of the first held byte: the end of the last line emitted. */
  private lineStart: number;

  constructor(
    startPosition: number,
    private readonly maxLineBytes: number,
  ) {
    this.lineStart = startPosition;
  }

  /** The position after the last complete line: where a restart would resume. */
  get position(): number {
    return this.lineStart;
  }

  /**
   * Takes the next bytes of the file and returns the lines they complete. The chunk may be reused by the
   * caller afterwards: whatever is held is copied.
   */
  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    if (this.isCrPending && chunk.length > 0) {
      this.isCrPending = false;
      const terminatorBytes = chunk[0] === LF ? 2 : 1;
      lines.push(this.emit(chunk, 0, 0, terminatorBytes));
      start = terminatorBytes - 1;
    }
    let nextCr = chunk.indexOf(CR, start);
    let nextLf = chunk.indexOf(LF, start);
    while (start < chunk.length) {
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
      if (end === -1) break;
      if (chunk[end] === LF) {
        lines.push(this.emit(chunk, start, end, 1));
        start = end + 1;
      } else if (end + 1 < chunk.length) {
        const terminatorBytes = chunk[end + 1] === LF ? 2 : 1;
        lines.push(this.emit(chunk, start, end, terminatorBytes));
        start = end + terminatorBytes;
      } else {
        // "\r" as the last byte: wait for the next one to tell "\r" from "\r\n".
        this.hold(chunk, start, end);
        this.isCrPending = true;
        return lines;
      }
    }
    this.hold(chunk, start, chunk.length);
    return lines;
  }

  /** Emits the held bytes plus `chunk[from, to)` as a line that ends with `terminatorBytes` bytes. */
  private emit(chunk: Buffer, from: number, to: number, terminatorBytes: number): Line {
    const tail = chunk.subarray(from, to);
    const bytes = this.heldBytes === 0 ? tail : Buffer.concat([...this.held, tail]);
    const text = bytes.toString("utf8");
    const end = this.lineStart + bytes.length + terminatorBytes;
    this.held.length = 0;
    this.heldBytes = 0;
    this.lineStart = end;
    return { text, end };
  }

  private hold(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.heldBytes += to - from;
    if (this.heldBytes > this.maxLineBytes) {
      throw new FatalError(
        `the line starting at byte ${this.lineStart} is longer than ${this.maxLineBytes} bytes; ` +
          "the file source reads text files with lines below that size",
      );
    }
    this.held.push(Buffer.from(chunk.subarray(from, to)));
  }
}
