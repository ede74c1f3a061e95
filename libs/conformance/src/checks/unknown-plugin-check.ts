import type { ValidateResponse } from "@connect-mesh/proto";
import { Metadata, status } from "@grpc/grpc-js";
import { type ConformanceCheck, fail, pass } from "../internal/conformance-check.js";
import { countOf } from "../internal/count-of.js";
import { statusName } from "../internal/status-name.js";
import { callUnary } from "../internal/unary-call.js";
import type { CheckContext } from "./check-context.js";

/**
 * `validate.unknown-plugin`: Validate for a plugin the service does not host fails, as NOT_FOUND (what the
 * SDK answers and the worker expects). INVALID_ARGUMENT or FAILED_PRECONDITION with a message also passes,
 * as a clear refusal, with a note; anything else fails: OK would make the worker take the config for
 * valid, and UNAVAILABLE, INTERNAL and the like cannot be told from a broken service.
 */
export function unknownPluginCheck(context: CheckContext): ConformanceCheck {
  return {
    id: "validate.unknown-plugin",
    title: "Validate for an unknown plugin answers NOT_FOUND",
    run: async (scope) => {
      const plugin = `org.connectmesh.conformance.NoSuchPlugin${context.runId}`;
      const outcome = await callUnary<ValidateResponse>(scope, `Validate(${plugin})`, (options, done) =>
        context.clients.connector.validate({ plugin, config: {} }, new Metadata(), options, done),
      );
      if (outcome.ok) {
        return fail(
          `expected NOT_FOUND for the unknown plugin "${plugin}"; the call succeeded with ` +
            countOf(outcome.response.values.length, "result"),
        );
      }
      const { code, details } = outcome.error;
      if (code === status.NOT_FOUND) return pass(`NOT_FOUND: ${details}`);
      const isClearRefusal =
        (code === status.INVALID_ARGUMENT || code === status.FAILED_PRECONDITION) && details.trim() !== "";
      if (!isClearRefusal) {
        return fail(
          `expected NOT_FOUND for the unknown plugin "${plugin}"; got ${statusName(code)}` +
            (details.trim() === "" ? " with no message" : `: ${details}`),
        );
      }
      return pass(`answered ${statusName(code)} rather than NOT_FOUND, with a message: ${details}`);
    },
  };
}
