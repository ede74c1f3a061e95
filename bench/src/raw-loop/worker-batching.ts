/**
 * How the mesh's worker batches, so that rows B and B2 are the ceiling for exactly what row D does:
 * FileStreamSource's batch.size (2,000 lines) per send, each send awaited before the next; the sink task
 * of services/worker/src/sink-task.ts commits offsets every 2,000 records.
 */
export const RECORDS_PER_SEND = 2_000;
export const RECORDS_PER_COMMIT = 2_000;

/**
 * The most value bytes per produce request, under the broker's default message.max.bytes (1 MiB) with room
 * for the record batch's own overhead: both clients put one send's records for a partition in one record
 * batch, and 2,000 lines of 1 KB are a 2.2 MB batch, which the broker refuses (MESSAGE_TOO_LARGE).
 */
export const MAX_BYTES_PER_SEND = 1_000_000;

/**
 * Splits a source batch into consecutive runs whose bytes add up to at most `maxBytes`, keeping the order;
 * an item larger than `maxBytes` alone makes a run of its own (the broker then says whether it fits).
 */
export function splitUnderBytes<T>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  maxBytes: number,
): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let runBytes = 0;
  for (const item of items) {
    const bytes = bytesOf(item);
    if (run.length > 0 && runBytes + bytes > maxBytes) {
      runs.push(run);
      run = [];
      runBytes = 0;
    }
    run.push(item);
    runBytes += bytes;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
