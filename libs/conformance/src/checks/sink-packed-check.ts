import { batchRecords } from "@connect-mesh/data";
import type { Record as ConnectRecord, PackedRecords } from "@connect-mesh/proto";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import { durabilityProblem, expectAcks, expectFlushed } from "./sink-flush-checks.js";
import { conformanceRecords, sendFlush, withOpenWrite } from "./sink-stream.js";

/**
 * `sink.reads-packed-batches`, for a plugin that sets Plugin.reads_packed_batches: a batch of records in
 * the packed form (two runs, so a service must read past the first) is acked and flushed, and, with a
 * durability probe, its records are found in the outside system as the per-record form's are.
 */
export function readsPackedBatchesCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "sink.reads-packed-batches",
    title: "a plugin that says it reads packed batches takes one and makes it durable",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sinkConfigs"));
      return withOpenWrite(context, scope, { plugin: className, config }, async (probe) => {
        const sent = conformanceRecords(context, "reads-packed", 1, 4);
        const batch = { sequence: 1n, records: [], packed: [runOf(sent.slice(0, 3)), runOf(sent.slice(3))] };
        probe.send({ message: { $case: "batch", value: batch } });
        await expectAcks(probe, scope, 1);
        sendFlush(probe, 1);
        await expectFlushed(probe, scope, 1, "the ack of packed batch 1");
        const verify = target.verifyDurable;
        if (verify === undefined) return pass("packed batch 1 (2 runs, 4 records) was acked and flushed");
        const records = batchRecords(batch);
        const problem = await durabilityProblem(verify, { plugin: className, config, records }, scope);
        if (problem !== undefined)
          return fail(`after flushed through_sequence 1 of a packed batch, ${problem}`);
        return pass(`verifyDurable found the ${records.length} records of packed batch 1`);
      });
    },
  };
}

/** The kit's STRING records, read from one partition at consecutive offsets, as one packed run. */
function runOf(records: readonly ConnectRecord[]): PackedRecords {
  const first = records[0];
  return {
    topic: first?.topic ?? "",
    kafkaPartition: first?.kafkaPosition?.partition,
    keySchema: undefined,
    keys: [],
    valueSchema: first?.valueSchema,
    values: records.map((record) =>
      Buffer.from(record.value?.kind?.$case === "stringValue" ? record.value.kind.value : "", "utf8"),
    ),
    timestampBaseMs: first?.timestampMs,
    timestampDeltasMs: records.map((record) => (record.timestampMs ?? 0n) - (first?.timestampMs ?? 0n)),
    sourcePartition: undefined,
    lastSourceOffset: undefined,
    unsampled: false,
    kafkaBaseOffset: first?.kafkaPosition?.offset,
    kafkaOffsetDeltas: [],
  };
}
