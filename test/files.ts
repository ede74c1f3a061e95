import { appendFile, readFile } from "node:fs/promises";
import { waitFor } from "@connect-mesh/async";

/** The text of line `n` in the pipeline tests: unique, sortable, and long enough to look like data. */
export const lineText = (n: number): string => `line-${String(n).padStart(7, "0")} the quick brown fox`;

/** Appends lines `from` (inclusive) to `to` (exclusive), in chunks so that a reader sees the file grow. */
export async function appendLines(file: string, from: number, to: number, chunk = 5_000): Promise<void> {
  for (let start = from; start < to; start += chunk) {
    const end = Math.min(to, start + chunk);
    const text = Array.from({ length: end - start }, (_, i) => `${lineText(start + i)}\n`).join("");
    await appendFile(file, text);
  }
}

/** The complete lines of a file; a missing file has none. */
export async function readLines(file: string): Promise<string[]> {
  try {
    const text = await readFile(file, "utf8");
    const lines = text.split("\n");
    lines.pop();
    return lines;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Waits until a file has at least `count` distinct lines, and returns all its lines. */
export async function waitForDistinctLines(
  file: string,
  count: number,
  timeoutMs = 120_000,
): Promise<string[]> {
  await waitFor(
    async () => new Set(await readLines(file)).size,
    (distinct) => distinct >= count,
    { timeoutMs, intervalMs: 250, description: `${count} distinct lines in ${file}` },
  );
  return readLines(file);
}
