import type { handleUnaryCall, ServerUnaryCall } from "@grpc/grpc-js";
import { toCallStatus } from "./grpc-status.js";

/**
 * Adapts an async handler to grpc-js's callback style: the result or the mapped error status is sent
 * exactly once, and the handler's signal aborts when the client cancels.
 */
export function unaryCall<Req, Res>(
  handler: (request: Req, signal: AbortSignal) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, callback) => {
    const abort = new AbortController();
    const onCancelled = (): void => abort.abort(new Error("the client cancelled the call"));
    call.once("cancelled", onCancelled);
    // Both outcomes are handled here; nothing is left to await.
    void handler(call.request, abort.signal)
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toCallStatus(error)),
      )
      .finally(() => call.off("cancelled", onCancelled));
  };
}
