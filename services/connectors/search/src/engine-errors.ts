import { FatalError, PluginError, RetriableError } from "@connect-mesh/connector-sdk";
import { errors } from "@opensearch-project/opensearch";
import { type BulkItemError, reasonOf } from "./bulk-outcome.js";

/**
 * A failure as the sink reports it, with what it was doing in front. A PluginError keeps its verdict; a
 * failed request to the engine is judged here: not reached or
 * not answering in time, busy (429) or unwell (5xx) is retriable; refused credentials, a server that is
 * neither Elasticsearch 7 nor OpenSearch, or any other refusal is fatal, with the engine's own reason.
 */
export function engineError(doing: string, error: unknown): PluginError {
  if (error instanceof PluginError) {
    // Already judged: keep the verdict and say what was being done.
    const message = `${doing}: ${error.message}`;
    return error.retriable
      ? new RetriableError(message, { cause: error })
      : new FatalError(message, { cause: error });
  }
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    return new RetriableError(`${doing}: the engine did not answer (${error.message})`, { cause: error });
  }
  if (error instanceof errors.NotCompatibleError) {
    return new FatalError(
      `${doing}: the server is neither Elasticsearch 7 nor OpenSearch; this sink speaks their APIs only`,
      { cause: error },
    );
  }
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode;
    const reason = responseReason(error.body);
    if (status === 401 || status === 403) {
      return new FatalError(
        `${doing}: the engine refused the credentials (HTTP ${status}: ${reason}); check connection.username and connection.password`,
        { cause: error },
      );
    }
    const message = `${doing}: HTTP ${status}: ${reason}`;
    return status === 429 || status >= 500
      ? new RetriableError(message, { cause: error })
      : new FatalError(message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FatalError(`${doing}: ${message}`, { cause: error });
}

/** Whether the engine refused the credentials (HTTP 401 or 403), as `engineError` reports it. */
export function isRefusedCredentials(error: unknown): boolean {
  const cause = error instanceof PluginError ? error.cause : error;
  return cause instanceof errors.ResponseError && (cause.statusCode === 401 || cause.statusCode === 403);
}

/** The reason in an engine's error answer (`{"error": {...}}`), or the answer as text. */
function responseReason(body: unknown): string {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === "string") return error;
    if (typeof error === "object" && error !== null) return reasonOf(error as BulkItemError);
  }
  return typeof body === "string" ? body : JSON.stringify(body);
}
