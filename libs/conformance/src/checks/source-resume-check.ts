import type { Record as ConnectRecord, Value } from "@connect-mesh/proto";
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
 * the second-to-last record read from the first record's partition. The first record of that partition
 * must then be the last one read before: after the resume point, not repeating it.
 *
 * It resumes from the second-to-last record rather than the last, because after the last there may be
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
      const firstRead = await withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 2);
        const batches = [
          await expectBatch(probe, scope, "first stream: granted 2 credits and waited for batch 1"),
        ];
        const second = await batchWithin(probe, context.quietMs, scope, "first stream: waited for batch 2");
        if (second !== undefined) batches.push(second);
        const last = batches.at(-1);
        if (last !== undefined) ackThrough(probe, last.sequence);
        return batches.flatMap((batch) => batch.records);
      });
      const missing = firstRead.findIndex(
        (record) => record.sourcePartition?.kind === undefined || record.sourceOffset?.kind === undefined,
      );
      if (missing >= 0) {
        return fail(
          `record ${missing + 1} read has no source_partition or source_offset; without both the worker cannot resume the task`,
        );
      }
      const partition = firstRead[0]?.sourcePartition;
      const inPartition = firstRead.filter((record) => isSameValue(record.sourcePartition, partition));
      const resumeAt = inPartition.at(-2);
      const expected = inPartition.at(-1);
      if (resumeAt === undefined || expected === undefined) {
        return fail(
          `needs at least 2 records of one source partition to check resuming; the first 2 batches held ` +
            `${inPartition.length} of ${formatValue(partition)}. Give a working config that yields more`,
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
      if (isSameValue(first.sourceOffset, resumeOffset)) {
        return fail(
          `${where}, but the first record of that partition has that same offset: the record at the resume ` +
            "point was sent again; a task resumes after the given offset",
        );
      }
      const earlier = inPartition
        .slice(0, -2)
        .find((record) => isSameValue(record.sourceOffset, first.sourceOffset));
      if (earlier !== undefined) {
        return fail(
          `${where}, but the first record of that partition went back to offset ${formatValue(first.sourceOffset)}, read before the resume point`,
        );
      }
      if (!isSameValue(first.sourceOffset, expected.sourceOffset)) {
        return fail(
          `${where}: expected the first record of that partition to be the one read after it before ` +
            `(offset ${formatValue(expected.sourceOffset)}); got offset ${formatValue(first.sourceOffset)}. ` +
            "(The check assumes the source reads the same records again from the same offsets.)",
        );
      }
      return pass(`${where}; the first record was at ${formatValue(first.sourceOffset)}, as before`);
    },
  };
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
    const found = batch.records.find((record) => isSameValue(record.sourcePartition, partition));
    if (found !== undefined) return found;
  }
  throw new CheckFailure(
    `after resuming, ${MAX_RESUMED_BATCHES} batches held no record of ${formatValue(partition)}`,
  );
}
