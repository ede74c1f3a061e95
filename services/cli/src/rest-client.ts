import { bodyMessageOf } from "./connect-bodies.js";
import { RestAnswerError, RestUnreachableError } from "./rest-errors.js";

/** A 2xx answer: `body` is the parsed JSON, the raw text if it is not JSON, or undefined when empty. */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The methods the connector commands use. */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

/** Options of a RestClient. */
export interface RestClientOptions {
  /** How long one request may take, answer included. */
  readonly timeoutMs?: number;
  /** The fetch to use; tests pass a fake. Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

// Longer than Connect's own 90 s request timeout, so that its 500 answer, which says what timed out,
// arrives before we give up.
const DEFAULT_TIMEOUT_MS = 100_000;

/** A small client for the coordinator's Kafka Connect REST API. */
export class RestClient {
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  /** `baseUrl` has no trailing slash (restUrlFrom gives it so). */
  constructor(
    readonly baseUrl: string,
    options: RestClientOptions = {},
  ) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * Sends one request with a JSON `body`, if given. Resolves with a 2xx answer; throws a RestAnswerError
   * with the server's message for any other status, and a RestUnreachableError when nothing answers.
   */
  async call(method: HttpMethod, path: string, body?: unknown): Promise<RestAnswer> {
    const url = `${this.baseUrl}${path}`;
    const { status, ok, statusText, text } = await this.#exchange(method, url, body);
    const parsed = parseBody(text);
    if (!ok) {
      const message = bodyMessageOf(parsed) ?? firstLine(parsed) ?? (statusText || "no message");
      throw new RestAnswerError(method, url, status, message);
    }
    return { status, body: parsed };
  }

  async #exchange(method: HttpMethod, url: string, body: unknown) {
    try {
      const response = await this.#fetch(url, {
        method,
        headers:
          body === undefined
            ? { Accept: "application/json" }
            : { Accept: "application/json", "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      // The body is read under the same deadline: a server that sends headers and then stalls is as stuck
      // as one that never answers.
      const text = await response.text();
      return { status: response.status, ok: response.ok, statusText: response.statusText, text };
    } catch (error) {
      throw new RestUnreachableError(this.baseUrl, this.#describeFailure(method, url, error), error);
    }
  }

  #describeFailure(method: HttpMethod, url: string, error: unknown): string {
    if (error instanceof Error && error.name === "TimeoutError") {
      return (
        `${method} ${url} got no answer within ${Math.round(this.#timeoutMs / 1000)} s; ` +
        "the coordinator may be overloaded or stuck (`cmesh status` shows the stack's health)"
      );
    }
    const code = networkCodeOf(error);
    if (code === "ECONNREFUSED") {
      return (
        `the REST API is not reachable at ${this.baseUrl} (connection refused); start the local stack with ` +
        "`cmesh up`, or point --url or CONNECT_MESH_REST_URL at a running coordinator"
      );
    }
    const reason = code ?? innermostMessage(error);
    return `the REST API is not reachable at ${this.baseUrl} (${reason}); check --url or CONNECT_MESH_REST_URL`;
  }
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: a proxy's page or another server. Its text is still the best clue to show.
    return text;
  }
}

/** The first line of a text body, kept short: an HTML page from a proxy should not flood the terminal. */
function firstLine(body: unknown): string | undefined {
  if (typeof body !== "string") return undefined;
  const line = body.trim().split("\n", 1)[0]?.trim();
  return line ? line.slice(0, 200) : undefined;
}

/**
 * The message of the deepest cause: fetch says only "fetch failed", and what went wrong (such as "bad
 * port", for a port fetch refuses to use) is on its cause.
 */
function innermostMessage(error: unknown): string {
  let deepest = error;
  for (let depth = 0; depth < 5 && deepest instanceof Error && deepest.cause instanceof Error; depth++) {
    deepest = deepest.cause;
  }
  return deepest instanceof Error ? deepest.message : String(deepest);
}

/**
 * The system error code (ECONNREFUSED, ENOTFOUND, ...) under fetch's generic "fetch failed": undici puts it
 * on the cause, and Node's happy-eyeballs connect wraps one error per address in an AggregateError.
 */
function networkCodeOf(error: unknown, depth = 0): string | undefined {
  if (!(error instanceof Error) || depth > 4) return undefined;
  if ("code" in error && typeof error.code === "string") return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = networkCodeOf(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return networkCodeOf(error.cause, depth + 1);
}
