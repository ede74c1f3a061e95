import type { BenchContext, BenchRow } from "./bench-row.js";
import { rawLoopRow } from "./raw-loop-row.js";

/**
 * Row B2, row B's twin on another client (issue 17): the same loop, records, settings and checks with
 * @platformatic/kafka's producer and consumer in place of kafkajs's (see raw-platformatic/), so B2/B is
 * what the client alone would change.
 */
export function rawPlatformaticRow(context: BenchContext): BenchRow {
  return rawLoopRow(context, {
    id: "B2",
    title: "raw @platformatic/kafka produce + consume loop, the worker's settings (Node)",
    program: "bench/src/raw-platformatic/main.ts",
    processLabel: "platformatic loop",
  });
}
