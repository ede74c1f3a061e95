import type { Record } from "@connect-mesh/proto";

/**
 * One configured single message transform (Connect's Transformation): it returns the changed record, a new
 * object (the input is never mutated), or null to drop the record, which stops the chain for it.
 */
export interface Transformation {
  apply(record: Record): Record | null;
}

/** One configured predicate (Connect's Predicate): whether a transform applies to a record. */
export interface Predicate {
  test(record: Record): boolean;
}

/** A connector config as it travels: every value a string, keyed by Connect's dotted names. */
export type ConnectorConfigMap = Readonly<{ [key: string]: string }>;

/** One problem with a config key, with the full key (e.g. `transforms.mask.fields`) and Connect's wording. */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}
