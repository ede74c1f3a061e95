import { status } from "@grpc/grpc-js";

/** A server stream that can be ended with a status. */
interface EndableCall {
  emit(event: "error", error: Error): boolean;
}

/** Ends a server call with INVALID_ARGUMENT, as a service must when the first request is not `open`. */
export function refuseNotOpen(call: EndableCall, first: string): void {
  // grpc-js turns an "error" event on a server stream into the call's final status.
  call.emit(
    "error",
    Object.assign(new Error(`the first request must be open, not ${first}`), {
      code: status.INVALID_ARGUMENT,
      details: `the first request must be open, not ${first}`,
    }),
  );
}
