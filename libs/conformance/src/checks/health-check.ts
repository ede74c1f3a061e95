import { status } from "@grpc/grpc-js";
import { checkHealth } from "../internal/check-health.js";
import { type ConformanceCheck, fail, pass } from "../internal/conformance-check.js";
import { describeServiceError } from "../internal/unary-call.js";
import type { CheckContext } from "./check-context.js";

/** `health.serving`: grpc.health.v1.Health/Check for the whole server ("") answers SERVING. */
export function healthServingCheck(context: CheckContext): ConformanceCheck {
  return {
    id: "health.serving",
    title: 'grpc.health.v1 Check("") answers SERVING',
    run: async (scope) => {
      const outcome = await checkHealth(context.clients.health, "", scope);
      if (!outcome.ok) {
        const hint =
          outcome.error.code === status.UNIMPLEMENTED
            ? " (a connector service must serve grpc.health.v1.Health)"
            : "";
        return fail(
          `expected Check("") to answer SERVING; the call failed with ${describeServiceError(outcome.error)}${hint}`,
        );
      }
      return outcome.response === "SERVING"
        ? pass("SERVING")
        : fail(`expected Check("") to answer SERVING; it answered ${outcome.response}`);
    },
  };
}
