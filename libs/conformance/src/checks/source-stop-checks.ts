import { status } from "@grpc/grpc-js";
import { checkHealth } from "../internal/check-health.js";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { statusName } from "../internal/status-name.js";
import { describeServiceError } from "../internal/unary-call.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import { expectBatch, grantCredit, withOpenRead } from "./source-stream.js";

/**
 * `source.stops-on-cancel`: once a task is running, cancelling the call ends it (CANCELLED or OK) in
 * bounded time, and the service stays healthy: Check("") still answers SERVING and a new Read still gets
 * a batch, so a cancelled task wedged nothing.
 */
export function stopsOnCancelCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "source.stops-on-cancel",
    title: "a cancelled Read ends and the service stays healthy",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sourceConfigs"));
      const ended = await withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 1);
        await expectBatch(probe, scope, "granted 1 credit and waited for batch 1");
        probe.cancel();
        return probe.ended(scope, "cancelled the call and waited for it to end");
      });
      if (ended.code !== status.CANCELLED && ended.code !== status.OK) {
        return fail(
          `expected the cancelled call to end with CANCELLED or OK; it ended with ${statusName(ended.code)}: ${ended.details}`,
        );
      }
      const health = await checkHealth(context.clients.health, "", scope);
      if (!health.ok || health.response !== "SERVING") {
        const seen = health.ok
          ? `answered ${health.response}`
          : `failed with ${describeServiceError(health.error)}`;
        return fail(`after a cancelled Read, expected Check("") to answer SERVING; it ${seen}`);
      }
      await withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 1);
        await expectBatch(probe, scope, "after a cancelled Read, opened a new one and waited for batch 1");
      });
      return pass(`ended with ${statusName(ended.code)}; still SERVING and serving new Reads`);
    },
  };
}

/**
 * `source.stops-on-half-close`: once a task is running, half-closing the call (how the worker stops a
 * task) makes the service end it with OK in bounded time.
 */
export function stopsOnHalfCloseCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "source.stops-on-half-close",
    title: "a half-closed Read ends with OK",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, "sourceConfigs"));
      return withOpenRead(context, scope, { plugin: className, config }, async (probe) => {
        grantCredit(probe, 1);
        await expectBatch(probe, scope, "granted 1 credit and waited for batch 1");
        probe.halfClose();
        const ended = await probe.ended(
          scope,
          "half-closed the call (the worker's way to stop a task) and waited for the service to end it",
        );
        return ended.code === status.OK
          ? pass("ended with OK")
          : fail(
              `expected the service to end a half-closed Read with OK; it ended with ${statusName(ended.code)}: ${ended.details}`,
            );
      });
    },
  };
}
