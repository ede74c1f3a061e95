import type { ValidateResponse } from "@connect-mesh/proto";
import { Metadata } from "@grpc/grpc-js";
import type { ConfigMap } from "../conformance-options.js";
import type { CheckScope } from "../internal/check-scope.js";
import { expectResponse } from "../internal/unary-call.js";
import type { CheckContext } from "./check-context.js";

/** Calls Validate for `plugin` with `config`; a gRPC error fails the check, naming the call. */
export async function validateConfig(
  context: CheckContext,
  scope: CheckScope,
  plugin: string,
  config: ConfigMap,
): Promise<ValidateResponse> {
  return expectResponse<ValidateResponse>(scope, `Validate(${plugin})`, (options, done) =>
    context.clients.connector.validate({ plugin, config: { ...config } }, new Metadata(), options, done),
  );
}

/** The errors Validate reported per key, keyed by name (the last result wins if a key repeats). */
export function errorsByKey(response: ValidateResponse): Map<string, readonly string[]> {
  return new Map(response.values.map((value) => [value.name, value.errors]));
}
