import { status } from "@grpc/grpc-js";

/** A gRPC status code's name ("INVALID_ARGUMENT"), or the number when it is not a known code. */
export function statusName(code: number): string {
  return status[code] ?? `code ${code}`;
}
