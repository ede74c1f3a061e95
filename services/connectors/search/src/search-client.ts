import { Client } from "@opensearch-project/opensearch";
import type { BulkItem } from "./bulk-outcome.js";
import { engineError } from "./engine-errors.js";
import type { FieldMapping } from "./index-mapping.js";

/** Where and how to reach the engine. */
export interface EngineConnection {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly password?: string;
  readonly requestTimeoutMs: number;
}

/** What `GET /` says of the engine. */
export interface EngineInfo {
  readonly distribution: "elasticsearch" | "opensearch";
  readonly version: string;
}

/** The verbs a bulk answer's items come under. */
type BulkVerb = "index" | "create" | "update" | "delete";

/**
 * The few calls the sink makes to Elasticsearch 7 or OpenSearch, over the official OpenSearch client (which
 * speaks to both and spreads requests over the URLs). The client's own retries are off: the sink decides
 * what to send again. A failure throws `engineError`'s PluginError.
 */
export class SearchClient {
  private readonly client: Client;

  constructor(connection: EngineConnection) {
    this.client = new Client({
      nodes: connection.urls.map(withProtocol),
      ...(connection.username === undefined
        ? {}
        : { auth: { username: connection.username, password: connection.password ?? "" } }),
      maxRetries: 0,
      requestTimeout: connection.requestTimeoutMs,
    });
  }

  /** Which engine answers, and its version. */
  async info(): Promise<EngineInfo> {
    const body = (await this.call("cannot reach the engine", "GET", "/")) as {
      version?: { number?: string; distribution?: string };
    };
    return {
      distribution: body.version?.distribution === "opensearch" ? "opensearch" : "elasticsearch",
      version: body.version?.number ?? "unknown",
    };
  }

  /**
   * Makes sure `index` exists, creating it with `mapping` when given; an index that exists without a mapping
   * of its own is given `mapping`. An index made meanwhile by another task counts as made.
   */
  async ensureIndex(index: string, mapping: FieldMapping | undefined): Promise<void> {
    const path = `/${encodeURIComponent(index)}`;
    const doing = `cannot prepare index "${index}"`;
    if (!(await this.exists(path, doing))) {
      try {
        await this.call(doing, "PUT", path, mapping === undefined ? undefined : { mappings: mapping });
        return;
      } catch (error) {
        if (!isAlreadyThere(error)) throw error;
      }
    }
    if (mapping === undefined) return;
    const mappings = (await this.call(doing, "GET", `${path}/_mapping`)) as Record<
      string,
      { mappings?: { properties?: object } }
    >;
    const hasMapping = Object.values(mappings).some((entry) => entry.mappings?.properties !== undefined);
    if (!hasMapping) await this.call(doing, "PUT", `${path}/_mapping`, mapping);
  }

  /** Sends bulk lines (an action line, then its document for index and update) and returns each item. */
  async bulk(lines: readonly string[]): Promise<readonly (BulkItem | undefined)[]> {
    const response = await this.client.transport
      .request({ method: "POST", path: "/_bulk", bulkBody: [...lines] })
      .catch((error: unknown) => {
        throw engineError(`cannot send ${lines.length} bulk lines`, error);
      });
    const body = response.body as { items?: readonly Partial<Record<BulkVerb, BulkItem>>[] };
    return (body.items ?? []).map((item) => item.index ?? item.create ?? item.update ?? item.delete);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async exists(path: string, doing: string): Promise<boolean> {
    const response = await this.client.transport
      .request({ method: "HEAD", path }, { ignore: [404] })
      .catch((error: unknown) => {
        throw engineError(doing, error);
      });
    return response.statusCode === 200;
  }

  private async call(doing: string, method: string, path: string, body?: object): Promise<unknown> {
    const response = await this.client.transport
      .request({ method, path, ...(body === undefined ? {} : { body: body as Record<string, unknown> }) })
      .catch((error: unknown) => {
        throw engineError(doing, error);
      });
    return response.body;
  }
}

/** A URL as given, with http:// in front when it names no protocol (as Confluent's connector reads it). */
export function withProtocol(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
}

/** A create refused because the index exists (another task made it first). */
function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && /resource_already_exists_exception/.test(error.message);
}

/** A URL without the user and password it may hold, for logs. */
export function redactedUrl(url: string): string {
  // The user info runs to the last @ before the host: a password may hold @ itself.
  return withProtocol(url).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1[hidden]@");
}
