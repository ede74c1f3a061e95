import type { BulkAction } from "./bulk-actions.js";

/** What the engine said of one bulk action: the item of a `_bulk` answer, under its verb. */
export interface BulkItem {
  readonly status: number;
  readonly error?: BulkItemError;
}

/** A refused action's error, as the engines write it. */
export interface BulkItemError {
  readonly type?: string;
  readonly reason?: string;
  readonly caused_by?: BulkItemError;
}

/**
 * What becomes of one action:
 * - done: written, or nothing to write (a delete of a missing document, a version older than the indexed one);
 * - malformed: the document itself is at fault (behavior.on.malformed.documents decides);
 * - passing: the engine was busy or unwell (429, 5xx), so sending it again may work;
 * - refused: any other refusal, which sending again will not change.
 */
export type ItemOutcome =
  | { readonly kind: "done" }
  | { readonly kind: "malformed" | "passing" | "refused"; readonly reason: string };

/** Error types that say the document is at fault, as Confluent's connector lists them. */
const MALFORMED_TYPES: ReadonlySet<string> = new Set([
  "mapper_parsing_exception",
  "strict_dynamic_mapping_exception",
  "illegal_argument_exception",
  "action_request_validation_exception",
  "document_parsing_exception",
]);

const VERSION_CONFLICT = "version_conflict_engine_exception";

/** Classifies the engine's answer to one action. */
export function itemOutcome(item: BulkItem | undefined, action: BulkAction): ItemOutcome {
  if (item === undefined) return { kind: "passing", reason: "the engine's answer left this document out" };
  const error = item.error;
  if (error === undefined) return { kind: "done" };
  const reason = reasonOf(error);
  // A newer record of the key is indexed already: this one was delivered again, or late.
  if (error.type === VERSION_CONFLICT && action.isVersioned) return { kind: "done" };
  // Deleting from an index that does not exist leaves nothing to delete.
  if (error.type === "index_not_found_exception" && action.verb === "delete") return { kind: "done" };
  if (item.status === 429 || item.status >= 500 || error.type === VERSION_CONFLICT) {
    return { kind: "passing", reason };
  }
  if (MALFORMED_TYPES.has(error.type ?? "")) return { kind: "malformed", reason };
  return { kind: "refused", reason };
}

/** An error's type and reason, with its causes: the innermost often says which value broke what. */
export function reasonOf(error: BulkItemError): string {
  const parts: string[] = [];
  for (let cause: BulkItemError | undefined = error; cause !== undefined; cause = cause.caused_by) {
    parts.push(`${cause.type ?? "error"}: ${cause.reason ?? "no reason given"}`);
  }
  return parts.join("; caused by ");
}
