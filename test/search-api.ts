import { waitFor } from "@connect-mesh/async";

/** One hit of a search, with the parts the tests read. */
export interface SearchHit {
  readonly _id: string;
  readonly _source: Record<string, unknown>;
}

/**
 * The few REST calls the search tests make to Elasticsearch or OpenSearch, with plain fetch: the tests check
 * the sink from outside, as a user's curl would, not through the client the sink itself uses.
 */
export class SearchApi {
  constructor(private readonly url: string) {}

  /** The documents of `index` matching `query` (every one when absent), up to 10,000, after a refresh. */
  async search(index: string, query: object = { match_all: {} }): Promise<SearchHit[]> {
    await this.call("POST", `/${index}/_refresh`);
    const body = (await this.call("POST", `/${index}/_search`, { query, size: 10_000 })) as {
      hits: { hits: SearchHit[] };
    };
    return body.hits.hits;
  }

  /** Every document of `index`; an index not made yet has none. */
  async searchAll(index: string): Promise<SearchHit[]> {
    return (await this.exists(index)) ? this.search(index) : [];
  }

  /** How many documents `index` holds after a refresh; 0 while it does not exist. */
  async count(index: string): Promise<number> {
    if (!(await this.exists(index))) return 0;
    await this.call("POST", `/${index}/_refresh`);
    return ((await this.call("GET", `/${index}/_count`)) as { count: number }).count;
  }

  /** Waits until `index` holds at least `expected` documents. */
  async waitForCount(index: string, expected: number, timeoutMs: number): Promise<number> {
    return waitFor(
      () => this.count(index).catch(() => -1),
      (count) => count >= expected,
      { timeoutMs, intervalMs: 1_000, description: `${expected} documents in ${index}` },
    );
  }

  /** The mapped type of each top-level field of `index`. */
  async fieldTypes(index: string): Promise<Record<string, string>> {
    const body = (await this.call("GET", `/${index}/_mapping`)) as Record<
      string,
      { mappings: { properties: Record<string, { type?: string }> } }
    >;
    const properties = body[index]?.mappings.properties ?? {};
    return Object.fromEntries(
      Object.entries(properties).map(([field, mapping]) => [field, mapping.type ?? "object"]),
    );
  }

  private async exists(index: string): Promise<boolean> {
    const response = await fetch(`${this.url}/${index}`, {
      method: "HEAD",
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok;
  }

  private async call(method: string, path: string, body?: object): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const answer: unknown = await response.json();
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}
