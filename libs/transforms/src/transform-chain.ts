import type { Record } from "@connect-mesh/proto";
import { type PlannedStage, planChain } from "./internal/chain-plan.js";
import { TransformConfigError } from "./transform-config-error.js";
import { TransformError } from "./transform-error.js";
import type { ConfigIssue, ConnectorConfigMap } from "./transformation.js";

/** What a chain says about one of its stages, e.g. for logs and metrics. */
export interface TransformStageInfo {
  /** The alias in `transforms`. */
  readonly alias: string;
  /** The transform's full class name. */
  readonly className: string;
  /** The alias of its predicate, if it has one. */
  readonly predicateAlias: string | undefined;
  /** Whether the predicate is negated. */
  readonly negate: boolean;
}

/**
 * A connector's transforms in order (Connect's TransformationChain). Each stage applies when it has no
 * predicate, or when its predicate (negated if `negate`) is true for the record; a stage that returns null
 * drops the record and the rest of the chain is skipped.
 */
export class TransformChain {
  /** The stages, in `transforms` order. */
  readonly stages: readonly TransformStageInfo[];
  private readonly planned: readonly PlannedStage[];

  private constructor(planned: readonly PlannedStage[]) {
    this.planned = planned;
    this.stages = planned.map(infoOf);
  }

  /**
   * Builds the chain a connector config describes: `transforms`, `transforms.<alias>.type` (a full class
   * name or alias) and its keys, `transforms.<alias>.predicate` / `.negate`, and `predicates` likewise.
   * A config without `transforms` gives an empty chain.
   *
   * @throws TransformConfigError listing every problem, each under its full key.
   */
  static fromConfig(config: ConnectorConfigMap): TransformChain {
    const { stages, issues } = planChain(config);
    const [first, ...rest] = issues.map(({ key, message }) => ({ key, message }));
    if (first !== undefined) throw new TransformConfigError(issues[0]?.alias, [first, ...rest]);
    return new TransformChain(stages);
  }

  /**
   * The chain cut into one-stage chains, in `stages` order, each with its own predicate: for a caller that
   * traces and blames each transform on its own. They share this chain's transformations, so use either
   * this chain or its parts, not both.
   */
  oneChainPerStage(): { readonly stage: TransformStageInfo; readonly chain: TransformChain }[] {
    return this.planned.map((planned) => ({ stage: infoOf(planned), chain: new TransformChain([planned]) }));
  }

  /** Whether the chain has no stages, so records pass unchanged. */
  get isEmpty(): boolean {
    return this.planned.length === 0;
  }

  /**
   * Runs a record through the chain. Returns the transformed record, or null when a stage dropped it.
   *
   * @throws TransformError naming the stage's alias and class, with the transform's error as its cause.
   */
  apply(record: Record): Record | null {
    let current = record;
    for (const stage of this.planned) {
      let next: Record | null;
      try {
        if (stage.predicate !== undefined && stage.predicate.predicate.test(current) === stage.negate)
          continue;
        next = stage.transformation.apply(current);
      } catch (e) {
        throw new TransformError(stage.alias, stage.className, e);
      }
      if (next === null) return null;
      current = next;
    }
    return current;
  }
}

function infoOf(stage: PlannedStage): TransformStageInfo {
  return {
    alias: stage.alias,
    className: stage.className,
    predicateAlias: stage.predicate?.alias,
    negate: stage.negate,
  };
}

/**
 * Every problem with a connector config's `transforms` and `predicates` keys, each under its full key
 * (e.g. `transforms.mask.fields`) with Connect's wording, for the validate endpoint's `value.errors`.
 * Empty when `TransformChain.fromConfig` would succeed.
 */
export function validateTransformConfig(config: ConnectorConfigMap): ConfigIssue[] {
  return planChain(config).issues.map(({ key, message }) => ({ key, message }));
}
