import type { Record as MeshRecord } from "@connect-mesh/proto";
import { type Context, type HopSpan, SpanNames, type TaskTracer } from "@connect-mesh/telemetry";
import { TransformChain } from "@connect-mesh/transforms";

/** One alias of a connector's `transforms`, as a chain of its own so each gets its own span. */
export interface TransformStage {
  readonly alias: string;
  readonly className: string;
  readonly chain: TransformChain;
}

/**
 * The task's transforms in `transforms` order, built once per task start: the whole chain at once, so a
 * bad config fails with every problem named (TransformConfigError), then cut into one-stage chains (each
 * with its predicate), so the pipeline can trace and blame each transform on its own.
 */
export function transformStagesFrom(config: Readonly<Record<string, string>>): TransformStage[] {
  return TransformChain.fromConfig(config)
    .oneChainPerStage()
    .map(({ stage, chain }) => ({ alias: stage.alias, className: stage.className, chain }));
}

/** What the transforms made of one record. */
export type TransformOutcome =
  | { readonly kind: "transformed"; readonly record: MeshRecord; readonly context: Context }
  | { readonly kind: "dropped" }
  /** `span` is the failed transform's hop, still open: the caller marks it failed and ends it. */
  | { readonly kind: "failed"; readonly className: string; readonly error: unknown; readonly span: HopSpan };

/**
 * Runs `record` through `stages` in order, one `transform <alias>` span each, continuing from `parent`.
 * Stops at the first stage that drops the record or throws.
 */
export function applyTransforms(
  stages: readonly TransformStage[],
  record: MeshRecord,
  parent: Context,
  tracer: TaskTracer,
): TransformOutcome {
  let current = record;
  let context = parent;
  for (const { alias, className, chain } of stages) {
    const span = tracer.recordHop(SpanNames.transform(alias), "transform", context);
    let transformed: MeshRecord | null;
    try {
      transformed = chain.apply(current);
    } catch (error) {
      return { kind: "failed", className, error, span };
    }
    span.end();
    if (transformed === null) return { kind: "dropped" };
    context = span.context;
    current = transformed;
  }
  return { kind: "transformed", record: current, context };
}
