import { requestJson } from "./json-request.js";
/** What the index's `id` field adds up to, from a `stats` aggregation. */
export interface IdStats {
  /** Documents with an id. */
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
}

/**
 * The few calls of the search engine's REST API the bench makes (Elasticsearch 7 and OpenSearch answer them
 * alike): count an index's documents, refresh it, add up its ids, delete it.
 */
export class SearchEngineRest {
  constructor(private readonly baseUrl: string) {}

  /**
   * GET /{index}/_count: the documents a search sees now, that is as of the index's last refresh (every
   * second by default). An index the sink has not created yet holds none, and so does one whose shard has
   * not started yet.
   */
  async count(index: string): Promise<number> {
    const body = await this.send("GET", `/${encodeURIComponent(index)}/_count`, undefined, [200, 404, 503]);
    return isNotSearchableYet(body) ? 0 : countIn(body);
  }

  /** POST /{index}/_refresh: makes every document indexed so far visible to searches and counts. */
  async refresh(index: string): Promise<void> {
    await this.send("POST", `/${encodeURIComponent(index)}/_refresh`, undefined, [200]);
  }

  /** The count, least, greatest and sum of the index's `id` field, over every document. */
  async idStats(index: string): Promise<IdStats> {
    const body = await this.send(
      "POST",
      `/${encodeURIComponent(index)}/_search`,
      { size: 0, aggs: { ids: { stats: { field: "id" } } } },
      [200],
    );
    return idStatsIn(body);
  }

  /** DELETE /{index}; one that is not there is not an error. */
  async deleteIndex(index: string): Promise<void> {
    await this.send("DELETE", `/${encodeURIComponent(index)}`, undefined, [200, 404]);
  }

  private send(method: string, path: string, body: unknown, expected: readonly number[]): Promise<unknown> {
    return requestJson(this.baseUrl, method, path, body, expected);
  }
}

/** The `count` of a `_count` answer; an answer without one throws, quoting it. */
export function countIn(body: unknown): number {
  const count = (body as { count?: unknown } | undefined)?.count;
  if (typeof count !== "number") throw new Error(`a _count answer without a count: ${quote(body)}`);
  return count;
}

/** The `ids` stats aggregation of a `_search` answer; an answer without it throws, quoting it. */
export function idStatsIn(body: unknown): IdStats {
  const ids = (body as { aggregations?: { ids?: Partial<Record<keyof IdStats, unknown>> } } | undefined)
    ?.aggregations?.ids;
  // An index with no documents answers count 0 and null for the rest.
  if (ids?.count === 0) return { count: 0, min: 0, max: 0, sum: 0 };
  const { count, min, max, sum } = ids ?? {};
  if (
    typeof count !== "number" ||
    typeof min !== "number" ||
    typeof max !== "number" ||
    typeof sum !== "number"
  )
    throw new Error(`a _search answer without the ids' stats: ${quote(body)}`);
  return { count, min, max, sum };
}

/**
 * Whether an error answer says the index cannot be searched yet: it does not exist (404, until the sink
 * creates it before its first batch), or it has just been created and its one shard has not started (503,
 * "all shards failed" with no shard named as failed, for a second or so). Any other error is not.
 */
export function isNotSearchableYet(body: unknown): boolean {
  const error = (
    body as { error?: { type?: unknown; failed_shards?: unknown }; status?: unknown } | undefined
  )?.error;
  if (error?.type === "index_not_found_exception") return true;
  return (
    error?.type === "search_phase_execution_exception" &&
    Array.isArray(error.failed_shards) &&
    error.failed_shards.length === 0
  );
}

function quote(body: unknown): string {
  return JSON.stringify(body)?.slice(0, 500) ?? String(body);
}
