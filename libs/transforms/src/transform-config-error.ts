import { MeshError } from "@connect-mesh/errors";
import type { ConfigIssue } from "./transformation.js";

/**
 * A transform or predicate cannot be built from the connector's config: an unknown class, a missing or
 * invalid key, a predicate alias that is not declared. Never retriable: the config has to change first.
 * `issues` lists every problem found, each under its full key, as the validate endpoint reports them.
 */
export class TransformConfigError extends MeshError {
  /** The transform or predicate alias at fault (e.g. "mask"), or undefined for the `transforms` list itself. */
  readonly alias: string | undefined;
  /** The full config key of the first problem (e.g. "transforms.mask.fields"). */
  readonly key: string;
  /** Every problem found, in config order. */
  readonly issues: readonly ConfigIssue[];

  constructor(alias: string | undefined, issues: readonly [ConfigIssue, ...ConfigIssue[]]) {
    const [first] = issues;
    const more =
      issues.length > 1
        ? ` (and ${issues.length - 1} more: ${issues
            .slice(1)
            .map((i) => i.message)
            .join("; ")})`
        : "";
    super(`${first.message}${more}`, { retriable: false });
    this.alias = alias;
    this.key = first.key;
    this.issues = issues;
  }
}
