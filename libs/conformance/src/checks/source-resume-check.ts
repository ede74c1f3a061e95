import { batchRecords } from "@connect-mesh/data";
import type { Record as ConnectRecord, SourceBatch, Value } from "@connect-mesh/proto";
import { CheckFailure } from "../internal/check-failure.js";
import type { CheckScope } from "../internal/check-scope.js";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { formatValue } from "../internal/format-value.js";
import { isSameValue } from "../internal/same-value.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import {
  ackThrough,
  batchWithin,
  expectBatch,
  grantCredit,
  type ReadProbe,
  withOpenRead,
} from "./source-stream.js";

// Batches read after resuming while looking for a record of the resumed partition; other partitions start
// from scratch and may come first.
const MAX_RESUMED_BATCHES = 5;

/**
 * `source.resumes-from-offsets`: reads some records, acks them, and opens a new stream with the offset of
 * the second-to-last record read from the first record's partition that carries one. The first record of
 * that partition must then be the one read after it before: after the resume point, not repeating it.
 *
 * In the packed form only a run's last record carries an offset (the worker resumes per batch), so the
 * records are compared by their key and value, and by their offsets where both have one.
 *
 * It resumes from the second-to-last offset rather than the last, because after the last there may be
 * nothing more to read, and a source with nothing to read waits instead of answering. It assumes the
 * source reads the same records again from the same offsets (true of files, tables and logs).
 */
export function resumesFromOffsetsCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "source.resumes-from-offsets",
    title: "Read resumes after the offsets given in open",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sourceConfigs"));
      const batches = await withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 2);
        const read = [
          await expectBatch(probe, scope, "first stream: granted 2 credits and waited for batch 1"),
        ];
        const second = await batchWithin(probe, context.quietMs, scope, "first stream: waited for batch 2");
        if (second !== undefined) read.push(second);
        const last = read.at(-1);
        if (last !== undefined) ackThrough(probe, last.sequence);
        return read;
      });
      const missing = missingPosition(batches);
      if (missing !== undefined) return fail(`${missing}; without both the worker cannot resume the task`);
      const firstRead = batches.flatMap(batchRecords);
      const partition = firstRead[0]?.sourcePartition;
      const inPartition = firstRead.filter((record) => isSameValue(record.sourcePartition, partition));
      // The last record with an offset that has a record after it, read before: where to resume.
      const resumeIndex = inPartition.findLastIndex(
        (record, index) => record.sourceOffset !== undefined && index < inPartition.length - 1,
      );
      const resumeAt = inPartition[resumeIndex];
      const expected = inPartition[resumeIndex + 1];
      if (resumeAt === undefined || expected === undefined) {
        return fail(
          `needs a record with an offset and one after it in one source partition to check resuming; the ` +
            `first 2 batches held ${inPartition.length} of ${formatValue(partition)}. Give a working config that yields more`,
        );
      }
      const resumeOffset = resumeAt.sourceOffset;
      const resumedTarget = {
        plugin: className,
        config,
        offsets: [{ partition, offset: resumeOffset }],
      };
      const first = await withOpenRead(context, scope, resumedTarget, async (probe) =>
        firstOfPartition(probe, scope, partition),
      );
      const where = `resumed ${formatValue(partition)} from offset ${formatValue(resumeOffset)}`;
      if (isSameRecord(first, resumeAt)) {
        return fail(
          `${where}, but the first record of that partition is the one at the resume point (${describeRecord(first)}): ` +
            "it was sent again; a task resumes after the given offset",
        );
      }
      const earlier = inPartition.slice(0, resumeIndex).find((record) => isSameRecord(record, first));
      if (earlier !== undefined) {
        return fail(
          `${where}, but the first record of that partition went back to ${describeRecord(first)}, read before the resume point`,
        );
      }
      if (!isSameRecord(first, expected)) {
        return fail(
          `${where}: expected the first record of that partition to be the one read after it before ` +
            `(${describeRecord(expected)}); got ${describeRecord(first)}. ` +
            "(The check assumes the source reads the same records again from the same offsets.)",
        );
      }
      return pass(`${where}; the first record was ${describeRecord(first)}, as before`);
    },
  };
}

/**
 * The first record or run that lacks a source partition or offset, worded, or undefined: every record of
 * the per-record form needs both, and every run a source partition and the last record's offset.
 */
function missingPosition(batches: readonly SourceBatch[]): string | undefined {
  for (const batch of batches) {
    const record = batch.records.findIndex(
      (each) => each.sourcePartition?.kind === undefined || each.sourceOffset?.kind === undefined,
    );
    if (record >= 0)
      return `record ${record + 1} of batch ${batch.sequence} has no source_partition or source_offset`;
    const run = batch.packed.findIndex(
      (each) => each.sourcePartition?.kind === undefined || each.lastSourceOffset?.kind === undefined,
    );
    if (run >= 0)
      return `packed run ${run + 1} of batch ${batch.sequence} has no source_partition or last_source_offset`;
  }
  return undefined;
}

/** The same record read again: the same key and value, and the same offset where both carry one. */
function isSameRecord(a: ConnectRecord, b: ConnectRecord): boolean {
  return (
    isSameValue(a.key, b.key) &&
    isSameValue(a.value, b.value) &&
    (a.sourceOffset === undefined ||
      b.sourceOffset === undefined ||
      isSameValue(a.sourceOffset, b.sourceOffset))
  );
}

function describeRecord(record: ConnectRecord): string {
  const offset = record.sourceOffset === undefined ? "" : ` at offset ${formatValue(record.sourceOffset)}`;
  return `value ${formatValue(record.value)}${offset}`;
}

async function firstOfPartition(
  probe: ReadProbe,
  scope: CheckScope,
  partition: Value | undefined,
): Promise<ConnectRecord> {
  for (let read = 1; read <= MAX_RESUMED_BATCHES; read++) {
    grantCredit(probe, 1);
    const batch = await expectBatch(
      probe,
      scope,
      `resumed stream: granted credit and waited for batch ${read}`,
    );
    const found = batchRecords(batch).find((record) => isSameValue(record.sourcePartition, partition));
    if (found !== undefined) return found;
  }
  throw new CheckFailure(
    `after resuming, ${MAX_RESUMED_BATCHES} batches held no record of ${formatValue(partition)}`,
  );
}
