import { stat } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

/** How long a sink file may stop growing before the run is declared stuck. */
const STALL_MS = 60_000;
const POLL_MS = 50;
/** How often to ask whether the pipeline has failed, rather than wait a minute for a stall. */
const FAILURE_CHECK_MS = 1_000;

/**
 * Waits until a sink file holds at least `bytes` bytes and returns the time of its last write (its
 * modification time, in ms since the epoch): the moment the last line was written, whenever we look.
 * Throws if the file stops growing for a minute, naming how far it got, or as soon as `failureOf` (asked
 * every second) names a failure.
 */
export async function waitForSinkFile(
  path: string,
  bytes: number,
  failureOf: () => Promise<string | undefined>,
  signal: AbortSignal,
): Promise<number> {
  let lastSize = -1;
  let lastGrowthAt = Date.now();
  let lastCheckAt = Date.now();
  for (;;) {
    signal.throwIfAborted();
    if (Date.now() - lastCheckAt > FAILURE_CHECK_MS) {
      lastCheckAt = Date.now();
      const failure = await failureOf();
      if (failure !== undefined) throw new Error(failure);
    }
    const info = await stat(path, { bigint: true }).catch(() => undefined);
    const size = Number(info?.size ?? 0n);
    if (info !== undefined && size >= bytes) return Number(info.mtimeNs) / 1e6;
    if (size !== lastSize) {
      lastSize = size;
      lastGrowthAt = Date.now();
    } else if (Date.now() - lastGrowthAt > STALL_MS) {
      throw new Error(`${path} stopped growing at ${size} of ${bytes} bytes for ${STALL_MS / 1000} s`);
    }
    await delay(POLL_MS, undefined, { signal });
  }
}
