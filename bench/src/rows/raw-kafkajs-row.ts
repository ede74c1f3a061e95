import type { BenchContext, BenchRow } from "./bench-row.js";
import { rawLoopRow } from "./raw-loop-row.js";

/**
 * Row B, the Node ceiling: one Node process with a kafkajs producer and consumer (the patched kafkajs the
 * worker runs on), set up and batching as the worker's source and sink tasks are (see raw-kafkajs/).
 */
export function rawKafkajsRow(context: BenchContext): BenchRow {
  return rawLoopRow(context, {
    id: "B",
    title: "raw kafkajs produce + consume loop, the worker's settings (Node)",
    program: "bench/src/raw-kafkajs/main.ts",
    processLabel: "kafkajs loop",
  });
}
