import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { statusName } from "../internal/status-name.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import {
  answerOf,
  conformanceRecords,
  describeAnswer,
  expectAnswer,
  sendBatch,
  withOpenWrite,
} from "./sink-stream.js";

const BATCHES = 3;

/**
 * `sink.acks-in-order`: three batches sent back to back are answered ack 1, ack 2, ack 3, in that order,
 * and nothing more follows for a quiet period (one answer per batch).
 */
export function acksInOrderCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "sink.acks-in-order",
    title: "Write acks batches in order, one answer each",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sinkConfigs"));
      return withOpenWrite(context, scope, { plugin: className, config }, async (probe) => {
        for (let sequence = 1; sequence <= BATCHES; sequence++) {
          sendBatch(probe, sequence, conformanceRecords(context, "acks-in-order", sequence, 2));
        }
        const seen: string[] = [];
        for (let sequence = 1; sequence <= BATCHES; sequence++) {
          const answer = await expectAnswer(
            probe,
            scope,
            `sent batches 1 to ${BATCHES} and waited for answer ${sequence}${seenSoFar(seen)}`,
          );
          seen.push(describeAnswer(answer));
          if (answer.$case !== "ack" || answer.value.sequence !== BigInt(sequence)) {
            return fail(
              `expected ack 1, 2, 3 in order; answer ${sequence} was ${describeAnswer(answer)}` +
                (answer.$case === "error"
                  ? " (the working config must let the sink accept string records)"
                  : "") +
                ` (answers so far: ${seen.join(", ")})`,
            );
          }
        }
        const extra = await probe.nextWithin(context.quietMs, scope, "watching for extra answers");
        if (extra !== undefined) {
          return fail(
            `after ack 1, 2, 3 for ${BATCHES} batches, a further event came within ${context.quietMs} ms: ` +
              `${extra.kind === "end" ? `the call ended with ${statusName(extra.status.code)}: ${extra.status.details}` : describeAnswer(answerOf(extra, "extra answer"))}` +
              "; each batch is answered exactly once, and only the worker ends the stream",
          );
        }
        return pass(seen.join(", "));
      });
    },
  };
}

function seenSoFar(seen: readonly string[]): string {
  return seen.length === 0 ? "" : ` (seen so far: ${seen.join(", ")})`;
}
