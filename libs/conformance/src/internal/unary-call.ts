import { type CallOptions, type ClientUnaryCall, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { CheckFailure } from "./check-failure.js";
import { type CheckScope, within } from "./check-scope.js";
import { statusName } from "./status-name.js";

/** How a unary call ended: with a response, or with a gRPC error the check may expect. */
export type UnaryOutcome<T> =
  | { readonly ok: true; readonly response: T }
  | { readonly ok: false; readonly error: ServiceError };

/** Starts a unary call with the given options; the callback receives its outcome. */
export type UnaryStarter<T> = (
  options: Partial<CallOptions>,
  done: (error: ServiceError | null, response?: T) => void,
) => ClientUnaryCall;

/**
 * Makes a unary call that ends by the check's deadline: the gRPC deadline is the check's, and aborting the
 * scope cancels the call. A missed deadline throws a CheckFailure naming `what`.
 */
export async function callUnary<T>(
  scope: CheckScope,
  what: string,
  start: UnaryStarter<T>,
): Promise<UnaryOutcome<T>> {
  let call: ClientUnaryCall | undefined;
  const outcome = new Promise<UnaryOutcome<T>>((resolve) => {
    call = start({ deadline: scope.callDeadlineAt }, (error, response) => {
      if (error !== null) resolve({ ok: false, error });
      else if (response === undefined) {
        resolve({ ok: false, error: noResponse() });
      } else resolve({ ok: true, response });
    });
  });
  const cancel = (): void => call?.cancel();
  scope.signal.addEventListener("abort", cancel, { once: true });
  try {
    return await within(outcome, scope, what);
  } finally {
    scope.signal.removeEventListener("abort", cancel);
  }
}

/** The response of a call the check needs to succeed; any gRPC error fails the check, naming the call. */
export async function expectResponse<T>(scope: CheckScope, what: string, start: UnaryStarter<T>): Promise<T> {
  const outcome = await callUnary(scope, what, start);
  if (outcome.ok) return outcome.response;
  throw new CheckFailure(`${what} failed with ${describeServiceError(outcome.error)}`);
}

/** "CODE: details", as a failure's detail shows a gRPC error. */
export function describeServiceError(error: ServiceError): string {
  return `${statusName(error.code)}: ${error.details || error.message}`;
}

function noResponse(): ServiceError {
  // grpc-js always passes a response on success; this only covers the callback's optional type.
  const details = "the call succeeded without a response";
  return Object.assign(new Error(details), { code: status.INTERNAL, details, metadata: new Metadata() });
}
