import type { Client } from "@grpc/grpc-js";
import { service as healthService } from "grpc-health-check";
import type { CheckScope } from "./check-scope.js";
import { callUnary, type UnaryOutcome } from "./unary-call.js";

/** grpc.health.v1.HealthCheckResponse as grpc-health-check's loader decodes it (enums as names). */
interface HealthCheckResponse {
  readonly status?: string;
}

/**
 * Calls grpc.health.v1.Health/Check for `service` ("" is the server as a whole) and returns the serving
 * status's name ("SERVING", "NOT_SERVING", ...), using grpc-health-check's own method definition.
 */
export async function checkHealth(
  client: Client,
  service: string,
  scope: CheckScope,
): Promise<UnaryOutcome<string>> {
  const check = healthService.Check;
  if (check === undefined) throw new Error("grpc-health-check's service definition has no Check method");
  const outcome = await callUnary<object>(scope, "grpc.health.v1.Health/Check", (options, done) =>
    client.makeUnaryRequest(
      check.path,
      check.requestSerialize,
      check.responseDeserialize,
      { service },
      options,
      done,
    ),
  );
  if (!outcome.ok) return outcome;
  const response: HealthCheckResponse = outcome.response;
  return { ok: true, response: response.status ?? "UNKNOWN" };
}
