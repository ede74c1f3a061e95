import { spawn } from "node:child_process";
import { open } from "node:fs/promises";

/** How a sink file was checked against its source file, and what was found. */
export interface Verification {
  readonly isOk: boolean;
  /** "byte-for-byte", "line multiset" (lines repeated by at-least-once delivery), "in order" or "count". */
  readonly method: string;
  readonly detail: string;
}

/**
 * Checks that `actual` (a sink file) holds what `expected` (its source file) holds: byte for byte, or
 * failing that, the same set of lines with some repeated, which at-least-once delivery allows and which
 * the result then says. Every line the bench writes is unique, so a repeated line is a redelivery.
 */
export async function compareFiles(expected: string, actual: string, workDir: string): Promise<Verification> {
  if (await isByteEqual(expected, actual))
    return { isOk: true, method: "byte-for-byte", detail: "the sink file equals the source file" };
  const sortedExpected = `${workDir}/expected.sorted`;
  const uniqueActual = `${workDir}/actual.unique`;
  await sortLines(expected, sortedExpected, false);
  await sortLines(actual, uniqueActual, true);
  const expectedLines = await countLines(expected);
  const actualLines = await countLines(actual);
  const hasSameLines = await isByteEqual(sortedExpected, uniqueActual);
  if (hasSameLines && actualLines === expectedLines) {
    // One partition keeps the file's order; the same lines in another order is a bug, not a redelivery.
    return {
      isOk: false,
      method: "line multiset",
      detail: "the sink file has the source's lines out of order",
    };
  }
  if (hasSameLines) {
    return {
      isOk: true,
      method: "line multiset",
      detail: `every source line arrived; ${actualLines - expectedLines} lines were delivered twice (at-least-once)`,
    };
  }
  return {
    isOk: false,
    method: "line multiset",
    detail: `the sink file does not hold the source file's lines: ${actualLines} lines for ${expectedLines}`,
  };
}

/** Whether two files have the same bytes, read side by side in chunks so that size does not matter. */
export async function isByteEqual(left: string, right: string): Promise<boolean> {
  const [a, b] = await Promise.all([open(left), open(right)]);
  try {
    if ((await a.stat()).size !== (await b.stat()).size) return false;
    const chunkA = Buffer.allocUnsafe(1 << 20);
    const chunkB = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const [readA, readB] = await Promise.all([
        a.read(chunkA, 0, chunkA.length),
        b.read(chunkB, 0, chunkB.length),
      ]);
      if (readA.bytesRead !== readB.bytesRead) return false;
      if (readA.bytesRead === 0) return true;
      if (!chunkA.subarray(0, readA.bytesRead).equals(chunkB.subarray(0, readB.bytesRead))) return false;
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

async function countLines(file: string): Promise<number> {
  const handle = await open(file);
  try {
    let lines = 0;
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
    }
    return lines;
  } finally {
    await handle.close();
  }
}

/** GNU sort, bytewise (LC_ALL=C), spilling to disk: the files run to hundreds of megabytes. */
function sortLines(input: string, output: string, isUnique: boolean): Promise<void> {
  const args = [...(isUnique ? ["-u"] : []), "-o", output, input];
  return new Promise((resolve, reject) => {
    const child = spawn("sort", args, { env: { ...process.env, LC_ALL: "C" }, stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`sort ${args.join(" ")} exited with ${code}`)),
    );
  });
}
