import { open } from "node:fs/promises";
import { throughputLine } from "./lines.js";

const LINES_PER_WRITE = 10_000;

/** Writes a throughput workload's source file: `lines` lines of `lineBytes` bytes, numbered from 0. */
export async function writeSourceFile(path: string, lines: number, lineBytes: number): Promise<void> {
  const file = await open(path, "w");
  try {
    for (let first = 0; first < lines; first += LINES_PER_WRITE) {
      let text = "";
      for (let s = first; s < Math.min(lines, first + LINES_PER_WRITE); s++)
        text += throughputLine(s, lineBytes);
      await file.write(text);
    }
  } finally {
    await file.close();
  }
}
