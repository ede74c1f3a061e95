import { describe, expect, it } from "vitest";
import type { BulkAction } from "./bulk-actions.js";
import { type BulkItem, itemOutcome, reasonOf } from "./bulk-outcome.js";

const action = (verb: BulkAction["verb"], isVersioned: boolean): BulkAction => ({
  verb,
  index: "orders",
  lines: [],
  isVersioned,
});

const refused = (status: number, type: string): BulkItem => ({ status, error: { type, reason: "why" } });

const VERSIONED_INDEX = action("index", true);
const UPSERT = action("update", false);
const DELETE = action("delete", true);

describe("itemOutcome", () => {
  it.each<[string, BulkItem, BulkAction, string]>([
    ["a written document", { status: 201 }, VERSIONED_INDEX, "done"],
    ["a delete of a missing document", { status: 404 }, DELETE, "done"],
    [
      "a version conflict of a versioned action (a newer record is indexed)",
      refused(409, "version_conflict_engine_exception"),
      VERSIONED_INDEX,
      "done",
    ],
    [
      "a version conflict of an unversioned upsert",
      refused(409, "version_conflict_engine_exception"),
      UPSERT,
      "passing",
    ],
    ["a delete on a missing index", refused(404, "index_not_found_exception"), DELETE, "done"],
    ["an index into a missing index", refused(404, "index_not_found_exception"), VERSIONED_INDEX, "refused"],
    ["a busy engine (429)", refused(429, "es_rejected_execution_exception"), VERSIONED_INDEX, "passing"],
    ["an unwell engine (503)", refused(503, "unavailable_shards_exception"), UPSERT, "passing"],
    ["a 5xx even with a malformed type", refused(500, "mapper_parsing_exception"), UPSERT, "passing"],
    ["a mapping conflict", refused(400, "mapper_parsing_exception"), VERSIONED_INDEX, "malformed"],
    ["a field the mapping forbids", refused(400, "strict_dynamic_mapping_exception"), UPSERT, "malformed"],
    ["an illegal argument", refused(400, "illegal_argument_exception"), UPSERT, "malformed"],
    ["a refused permission", refused(403, "security_exception"), VERSIONED_INDEX, "refused"],
    ["an error without a type", { status: 400, error: {} }, VERSIONED_INDEX, "refused"],
  ])("counts %s as %s", (_case, item, bulkAction, kind) => {
    expect(itemOutcome(item, bulkAction).kind).toBe(kind);
  });

  it("counts an action the answer left out as passing", () => {
    expect(itemOutcome(undefined, VERSIONED_INDEX)).toEqual({
      kind: "passing",
      reason: "the engine's answer left this document out",
    });
  });

  it("gives the error's reason with its causes", () => {
    const error = {
      type: "mapper_parsing_exception",
      reason: "failed to parse field [age]",
      caused_by: { type: "number_format_exception", reason: 'For input string: "x"' },
    };
    expect(itemOutcome({ status: 400, error }, VERSIONED_INDEX)).toEqual({
      kind: "malformed",
      reason: reasonOf(error),
    });
  });
});

describe("reasonOf", () => {
  it("chains each cause after the error, innermost last", () => {
    const reason = reasonOf({
      type: "mapper_parsing_exception",
      reason: "failed to parse field [age]",
      caused_by: {
        type: "illegal_argument_exception",
        reason: "cannot parse",
        caused_by: { type: "number_format_exception", reason: 'For input string: "x"' },
      },
    });
    expect(reason).toBe(
      "mapper_parsing_exception: failed to parse field [age]; caused by illegal_argument_exception: " +
        'cannot parse; caused by number_format_exception: For input string: "x"',
    );
  });

  it("says so when the engine gives no type or reason", () => {
    expect(reasonOf({})).toBe("error: no reason given");
  });
});
