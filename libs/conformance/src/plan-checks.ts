import { type Plugin, PluginKind } from "@connect-mesh/proto";
import type { CheckContext, PluginUnderTest } from "./checks/check-context.js";
import { configDefinitionsCheck, pluginFieldsCheck } from "./checks/describe-checks.js";
import { sinkFirstMessageCheck, sourceFirstMessageCheck } from "./checks/first-message-checks.js";
import { planHonoursMaxTasksCheck } from "./checks/plan-check.js";
import { acksInOrderCheck } from "./checks/sink-ack-check.js";
import { reportsTypedErrorsCheck } from "./checks/sink-error-check.js";
import { flushAnsweredCheck, flushDurableCheck } from "./checks/sink-flush-checks.js";
import { readsPackedBatchesCheck } from "./checks/sink-packed-check.js";
import { respectsCreditCheck, sequencesFromOneCheck } from "./checks/source-flow-checks.js";
import { resumesFromOffsetsCheck } from "./checks/source-resume-check.js";
import { stopsOnCancelCheck, stopsOnHalfCloseCheck } from "./checks/source-stop-checks.js";
import { unknownPluginCheck } from "./checks/unknown-plugin-check.js";
import {
  oneResultPerKeyCheck,
  requiredKeysFlaggedCheck,
  workingConfigAcceptedCheck,
  wrongTypeFlaggedCheck,
} from "./checks/validate-checks.js";
import type { ConformanceOptions } from "./conformance-options.js";
import type { ConformanceCheck } from "./internal/conformance-check.js";

/**
 * The checks to run once Describe has answered, in order: per selected plugin its Describe, Validate and
 * Plan checks, then its Read or Write checks; then the checks about the service as a whole.
 */
export function planChecks(
  context: CheckContext,
  plugins: readonly Plugin[],
  options: ConformanceOptions,
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [];
  for (const plugin of selectPlugins(plugins, options.plugins)) {
    checks.push(pluginFieldsCheck(plugin), configDefinitionsCheck(plugin));
    const isSource = plugin.kind === PluginKind.PLUGIN_KIND_SOURCE;
    const option = isSource ? "sourceConfigs" : "sinkConfigs";
    const target: PluginUnderTest = {
      plugin,
      workingConfig: configFor(plugin, isSource ? options.sourceConfigs : options.sinkConfigs),
      rejectingConfig: isSource ? undefined : configFor(plugin, options.rejectingSinkConfigs),
      verifyDurable: isSource ? undefined : configFor(plugin, options.verifyDurable),
    };
    checks.push(
      oneResultPerKeyCheck(context, target),
      requiredKeysFlaggedCheck(context, target),
      wrongTypeFlaggedCheck(context, target),
      workingConfigAcceptedCheck(context, target, option),
      planHonoursMaxTasksCheck(context, target, option),
    );
    if (isSource) {
      checks.push(
        respectsCreditCheck(context, target),
        sequencesFromOneCheck(context, target),
        resumesFromOffsetsCheck(context, target),
        stopsOnCancelCheck(context, target),
        stopsOnHalfCloseCheck(context, target),
      );
    } else if (plugin.kind === PluginKind.PLUGIN_KIND_SINK) {
      checks.push(
        acksInOrderCheck(context, target),
        flushAnsweredCheck(context, target),
        flushDurableCheck(context, target),
        reportsTypedErrorsCheck(context, target),
      );
      if (plugin.readsPackedBatches) checks.push(readsPackedBatchesCheck(context, target));
    }
  }
  checks.push(unknownPluginCheck(context));
  // The stream rules hold for the service whichever plugin is asked for, so they run once per service.
  if (plugins.some((plugin) => plugin.kind === PluginKind.PLUGIN_KIND_SOURCE)) {
    checks.push(sourceFirstMessageCheck(context));
  }
  if (plugins.some((plugin) => plugin.kind === PluginKind.PLUGIN_KIND_SINK)) {
    checks.push(sinkFirstMessageCheck(context));
  }
  return checks;
}

function selectPlugins(plugins: readonly Plugin[], requested: readonly string[] | undefined): Plugin[] {
  if (requested === undefined) return [...plugins];
  const wanted = new Set(requested);
  return plugins.filter((plugin) => [plugin.className, ...plugin.aliases].some((name) => wanted.has(name)));
}

/** What `byName` holds for the plugin, under its class name first, else under one of its aliases. */
function configFor<T>(plugin: Plugin, byName: Readonly<Record<string, T>> | undefined): T | undefined {
  if (byName === undefined) return undefined;
  for (const name of [plugin.className, ...plugin.aliases]) {
    if (Object.hasOwn(byName, name)) return byName[name];
  }
  return undefined;
}
