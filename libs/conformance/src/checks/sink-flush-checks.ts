import type { DurabilityProbe, FlushedRecords } from "../conformance-options.js";
import { CheckFailure } from "../internal/check-failure.js";
import type { CheckScope } from "../internal/check-scope.js";
import { within } from "../internal/check-scope.js";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { describeError } from "../internal/describe-error.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import {
  conformanceRecords,
  describeAnswer,
  expectAnswer,
  sendBatch,
  sendFlush,
  type WriteProbe,
  withOpenWrite,
} from "./sink-stream.js";

/**
 * `sink.flush-answered`: after two batches are acked, `flush` through 2 is answered with `flushed`
 * through_sequence 2. That `flushed` really means durable is the connector's promise; the kit can only see
 * the answer (see `sink.flush-durable` for checking the outside system).
 */
export function flushAnsweredCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "sink.flush-answered",
    title: "flush is answered with flushed through the right sequence",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sinkConfigs"));
      return withOpenWrite(context, scope, { plugin: className, config }, async (probe) => {
        for (const sequence of [1, 2]) {
          sendBatch(probe, sequence, conformanceRecords(context, "flush-answered", sequence, 2));
        }
        await expectAcks(probe, scope, 2);
        sendFlush(probe, 2);
        await expectFlushed(probe, scope, 2, "the acks of batches 1 and 2");
        return pass("flushed through_sequence 2");
      });
    },
  };
}

/**
 * `sink.flush-durable`: after `flushed`, the caller's probe finds the flushed records in the outside
 * system (while the stream is still open, so a sink that only writes on close is caught). Skipped without
 * a probe: durability is the connector's promise, which the kit cannot see on its own.
 */
export function flushDurableCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "sink.flush-durable",
    title: "flushed records are in the outside system",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sinkConfigs"));
      const verify = target.verifyDurable;
      if (verify === undefined) {
        return skip(
          `durability is the connector's promise: the kit only sees the flushed answer (sink.flush-answered); ` +
            `pass verifyDurable["${className}"] to check the outside system`,
        );
      }
      return withOpenWrite(context, scope, { plugin: className, config }, async (probe) => {
        const records = conformanceRecords(context, "flush-durable", 1, 3);
        sendBatch(probe, 1, records);
        await expectAcks(probe, scope, 1);
        sendFlush(probe, 1);
        await expectFlushed(probe, scope, 1, "the ack of batch 1");
        const problem = await durabilityProblem(verify, { plugin: className, config, records }, scope);
        if (problem !== undefined) return fail(`after flushed through_sequence 1, ${problem}`);
        return pass(`verifyDurable found the ${records.length} flushed records`);
      });
    },
  };
}

/**
 * What the caller's probe found wrong with flushed records, worded, or undefined when it found them all.
 * A check failure or the run's abort while it ran is not the probe's finding, and is thrown on.
 */
export async function durabilityProblem(
  verify: DurabilityProbe,
  flushed: Omit<FlushedRecords, "signal">,
  scope: CheckScope,
): Promise<string | undefined> {
  try {
    await within(verify({ ...flushed, signal: scope.signal }), scope, "ran verifyDurable after flushed");
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure || scope.runSignal.aborted) throw error;
    return `verifyDurable found the records not durable: ${describeError(error)}`;
  }
}

/** Waits for acks of batches 1..count, in any order; an error or another answer fails the check. */
export async function expectAcks(probe: WriteProbe, scope: CheckScope, count: number): Promise<void> {
  for (let answered = 1; answered <= count; answered++) {
    const answer = await expectAnswer(
      probe,
      scope,
      `sent ${count} batches and waited for answer ${answered}`,
    );
    if (answer.$case !== "ack") {
      throw new CheckFailure(
        `expected batches 1 to ${count} to be acked before flushing; answer ${answered} was ${describeAnswer(answer)}`,
      );
    }
  }
}

export async function expectFlushed(
  probe: WriteProbe,
  scope: CheckScope,
  through: number,
  after: string,
): Promise<void> {
  const answer = await expectAnswer(
    probe,
    scope,
    `sent flush through_sequence ${through} after ${after}, and waited for flushed through_sequence ${through}`,
  );
  if (answer.$case !== "flushed" || answer.value.throughSequence !== BigInt(through)) {
    throw new CheckFailure(
      `sent flush through_sequence ${through} after ${after}; expected flushed through_sequence ${through}, got ${describeAnswer(answer)}`,
    );
  }
}
