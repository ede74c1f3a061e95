import { open } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { nowMicros } from "./clock.js";
import { latencyLine } from "./lines.js";

/**
 * Appends `lines` latency lines to a file at `ratePerSec`, as a log that grows steadily: about every
 * millisecond, whatever lines are due go out in one write, each stamped with the moment of that write.
 */
export async function appendAtRate(options: {
  readonly path: string;
  readonly lines: number;
  readonly ratePerSec: number;
  readonly lineBytes: number;
  readonly signal: AbortSignal;
}): Promise<void> {
  const file = await open(options.path, "a");
  try {
    const startedAt = performance.now();
    let written = 0;
    while (written < options.lines) {
      options.signal.throwIfAborted();
      const elapsedSec = (performance.now() - startedAt) / 1000;
      const due = Math.min(options.lines, Math.floor(elapsedSec * options.ratePerSec));
      if (due <= written) {
        await delay(1);
        continue;
      }
      const writtenAt = nowMicros();
      let text = "";
      for (let s = written; s < due; s++) text += latencyLine(s, writtenAt, options.lineBytes);
      await file.write(text);
      written = due;
    }
  } finally {
    await file.close();
  }
}
