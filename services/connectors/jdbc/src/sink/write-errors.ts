import { FatalError, PluginError, RetriableError } from "@connect-mesh/connector-sdk";
import { driverCode, hideSecrets, sqlError } from "../connection/sql-errors.js";

/** Driver codes that say a table or column is not (or no longer) there: a cached description is stale. */
const MISSING_OBJECT_CODES: ReadonlySet<string> = new Set([
  "ER_NO_SUCH_TABLE",
  "ER_BAD_FIELD_ERROR",
  "42P01",
  "42703",
]);

/**
 * A caught error as the sink reports it, with what it was doing in front: a PluginError keeps its verdict
 * (retriable or not); anything else is classified by `sqlError` (a driver's error by its code). Either way
 * the message holds none of `secrets`, and `recordIndex` names the record at fault when there is one.
 */
export function writeError(
  doing: string,
  error: unknown,
  options: { readonly secrets: readonly (string | undefined)[]; readonly recordIndex?: number },
): PluginError {
  if (!(error instanceof PluginError)) return sqlError(doing, error, options);
  const message = hideSecrets(`${doing}: ${error.message}`, options.secrets);
  const recordIndex = options.recordIndex ?? error.recordIndex;
  return error.retriable
    ? new RetriableError(message, { cause: error, recordIndex })
    : new FatalError(message, { cause: error, recordIndex });
}

/** Whether the error says a table or column is missing, so the cached descriptions must be read again. */
export function isMissingObject(error: unknown): boolean {
  const code = driverCode(error);
  return code !== undefined && MISSING_OBJECT_CODES.has(code);
}
