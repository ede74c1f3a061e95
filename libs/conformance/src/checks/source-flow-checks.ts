import { batchProblem, batchSize } from "@connect-mesh/data";
import type { SourceBatch } from "@connect-mesh/proto";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import { batchWithin, expectBatch, grantCredit, withOpenRead } from "./source-stream.js";

const NEEDS_TWO_BATCHES =
  "a source with nothing more to read waits, so the working config must yield at least 2 batches " +
  "(e.g. a file of a few lines with batch.size=1)";

/**
 * `source.respects-credit`: with 1 credit, batch 1 comes and nothing more for a quiet period; only after a
 * second credit does batch 2 come (batches sent <= the sum of credits received).
 */
export function respectsCreditCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "source.respects-credit",
    title: "Read never sends beyond its credit",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sourceConfigs"));
      return withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 1);
        await expectBatch(probe, scope, "granted 1 credit and waited for batch 1");
        const early = await batchWithin(
          probe,
          context.quietMs,
          scope,
          "watching for a batch beyond the credit",
        );
        if (early !== undefined) {
          return fail(
            `granted 1 credit and received batch 1, then batch ${early.sequence} arrived within ` +
              `${context.quietMs} ms with no further credit; a source must never send more batches than the ` +
              "credits it received",
          );
        }
        grantCredit(probe, 1);
        const second = await expectBatch(
          probe,
          scope,
          `granted a second credit and waited for batch 2 (${NEEDS_TWO_BATCHES})`,
        );
        return pass(
          `batch 1 came with the first credit, nothing more for ${context.quietMs} ms, then batch ` +
            `${second.sequence} after the second credit`,
        );
      });
    },
  };
}

/**
 * `source.sequences-from-one`: with 3 credits, the batches that come are numbered 1, 2, 3, none is empty,
 * and each keeps the rules of its form (records or packed runs, never both; see batchProblem). Batch 1 must come by the deadline; later ones are waited for a quiet period each, since the
 * working config may hold fewer than 3 batches.
 */
export function sequencesFromOneCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "source.sequences-from-one",
    title: "batch sequences start at 1 and grow by one; no batch is empty or breaks its form",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sourceConfigs"));
      return withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 3);
        const batches: SourceBatch[] = [
          await expectBatch(probe, scope, "granted 3 credits and waited for batch 1"),
        ];
        while (batches.length < 3) {
          const next = await batchWithin(
            probe,
            context.quietMs,
            scope,
            `waited for batch ${batches.length + 1}`,
          );
          if (next === undefined) break;
          batches.push(next);
        }
        const problems = batches.flatMap((batch, index) => {
          const found: string[] = [];
          if (batch.sequence !== BigInt(index + 1)) {
            found.push(
              `batch ${index + 1} of the stream has sequence ${batch.sequence}; expected ${index + 1} ` +
                "(sequences start at 1 and grow by one per batch)",
            );
          }
          if (batchSize(batch) === 0) {
            found.push(`batch ${batch.sequence} has no records; a source sends no empty batches`);
          }
          const formProblem = batchProblem(batch);
          if (formProblem !== undefined) found.push(formProblem);
          return found;
        });
        const seen = batches.map((batch) => String(batch.sequence)).join(", ");
        return problems.length === 0
          ? pass(`sequences ${seen}`)
          : fail(`${problems.join("\n")}\n(sequences seen: ${seen})`);
      });
    },
  };
}
