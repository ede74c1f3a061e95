import { describe, expect, it } from "vitest";
import { countIn, idStatsIn, isNotSearchableYet } from "./search-engine-rest.js";

describe("countIn", () => {
  it("reads a _count answer", () => {
    expect(countIn({ count: 42, _shards: { total: 1, successful: 1 } })).toBe(42);
  });

  it.each([[undefined], [{}], [{ count: "42" }]])("refuses %j, quoting it", (body) => {
    expect(() => countIn(body)).toThrow(/a _count answer without a count/);
  });
});

describe("idStatsIn", () => {
  it("reads the ids' stats aggregation of a _search answer", () => {
    const body = {
      hits: { total: { value: 3, relation: "eq" }, hits: [] },
      aggregations: { ids: { count: 3, min: 1, max: 3, avg: 2, sum: 6 } },
    };
    expect(idStatsIn(body)).toEqual({ count: 3, min: 1, max: 3, sum: 6 });
  });

  it("reads an empty index's stats, whose figures are null, as zeros", () => {
    const body = { aggregations: { ids: { count: 0, min: null, max: null, avg: null, sum: 0 } } };
    expect(idStatsIn(body)).toEqual({ count: 0, min: 0, max: 0, sum: 0 });
  });

  it("refuses an answer without the aggregation", () => {
    expect(() => idStatsIn({ hits: {} })).toThrow(/without the ids' stats: \{"hits":\{\}\}/);
  });
});

describe("isNotSearchableYet", () => {
  it.each([
    ["an index not created yet", { error: { type: "index_not_found_exception", index: "i" }, status: 404 }],
    [
      "an index whose shard has not started",
      {
        error: { root_cause: [], type: "search_phase_execution_exception", failed_shards: [] },
        status: 503,
      },
    ],
  ])("counts %s as holding nothing yet", (_, body) => {
    expect(isNotSearchableYet(body)).toBe(true);
  });

  it.each([
    [
      "a shard that failed",
      {
        error: {
          type: "search_phase_execution_exception",
          failed_shards: [{ shard: 0, reason: { type: "query_shard_exception" } }],
        },
        status: 400,
      },
    ],
    ["a count", { count: 3 }],
  ])("leaves %s to be read as it is", (_, body) => {
    expect(isNotSearchableYet(body)).toBe(false);
  });
});
