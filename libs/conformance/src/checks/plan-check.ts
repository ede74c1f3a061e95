import type { PlanResponse } from "@connect-mesh/proto";
import { Metadata } from "@grpc/grpc-js";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { expectResponse } from "../internal/unary-call.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";

const MAX_TASKS_ASKED = [1, 3] as const;

/**
 * `plan.honours-max-tasks`: with the working config, Plan for max_tasks 1 and 3 returns between 1 and
 * max_tasks task configs (fewer when the work cannot be split, never none: a connector with no task
 * does nothing, and never more: tasks.max is the user's cap).
 */
export function planHonoursMaxTasksCheck(
  context: CheckContext,
  target: PluginUnderTest,
  option: "sourceConfigs" | "sinkConfigs",
): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "plan.honours-max-tasks",
    title: "Plan returns between 1 and max_tasks task configs",
    plugin: className,
    run: async (scope) => {
      const config = target.workingConfig;
      if (config === undefined) return skip(noWorkingConfig(target, option));
      const seen: string[] = [];
      const problems: string[] = [];
      for (const maxTasks of MAX_TASKS_ASKED) {
        const response = await expectResponse<PlanResponse>(
          scope,
          `Plan(${className}, max_tasks ${maxTasks})`,
          (options, done) =>
            context.clients.connector.plan(
              {
                plugin: className,
                connectorName: `conformance-${context.runId}`,
                config: { ...config },
                maxTasks,
              },
              new Metadata(),
              options,
              done,
            ),
        );
        const count = response.tasks.length;
        seen.push(`max_tasks ${maxTasks}: ${count}`);
        if (count < 1 || count > maxTasks) {
          problems.push(
            `Plan with max_tasks ${maxTasks} returned ${count} task configs; expected 1 to ${maxTasks}`,
          );
        }
      }
      return problems.length === 0 ? pass(seen.join(", ")) : fail(problems.join("\n"));
    },
  };
}
