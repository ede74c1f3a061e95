import { type DescribeResponse, type Plugin, PluginKind } from "@connect-mesh/proto";
import { Metadata } from "@grpc/grpc-js";
import { type ConformanceCheck, fail, pass } from "../internal/conformance-check.js";
import { countOf } from "../internal/count-of.js";
import { expectResponse } from "../internal/unary-call.js";
import type { CheckContext } from "./check-context.js";
import { configDefinitionProblems } from "./config-definition-problems.js";

/** A plugin name the caller used, and how (e.g. "was asked for", "was given a working config"). */
export interface NamedPlugin {
  readonly name: string;
  readonly usage: string;
}

/**
 * `describe.plugins-listed`: Describe answers with at least one plugin, no two plugins claim one name
 * (class name or alias), and every name the caller used (in `plugins` or as a config's key) is among
 * them, since a config under a misspelt name would otherwise just be ignored. Hands the response to
 * `onDescribed`, since every per-plugin check is built from it.
 */
export function pluginsListedCheck(
  context: CheckContext,
  named: readonly NamedPlugin[],
  onDescribed: (response: DescribeResponse) => void,
): ConformanceCheck {
  return {
    id: "describe.plugins-listed",
    title: "Describe lists the hosted plugins, each under names of its own",
    run: async (scope) => {
      const response = await expectResponse<DescribeResponse>(scope, "Describe", (options, done) =>
        context.clients.connector.describe({}, new Metadata(), options, done),
      );
      onDescribed(response);
      if (response.plugins.length === 0) {
        return fail("expected Describe to list at least one plugin; it listed none");
      }
      const problems = [...duplicateNames(response.plugins), ...missingPlugins(response.plugins, named)];
      if (problems.length > 0) return fail(problems.join("\n"));
      return pass(`lists ${response.plugins.map((plugin) => plugin.className).join(", ")}`);
    },
  };
}

/** `describe.plugin-fields`: the plugin has a class name, a kind (SOURCE or SINK), a version and a description. */
export function pluginFieldsCheck(plugin: Plugin): ConformanceCheck {
  return {
    id: "describe.plugin-fields",
    title: "the plugin has a class name, kind, version and description",
    plugin: plugin.className || "(unnamed)",
    run: async () => {
      const problems: string[] = [];
      if (plugin.className.trim() === "") problems.push("class_name is empty");
      if (plugin.kind !== PluginKind.PLUGIN_KIND_SOURCE && plugin.kind !== PluginKind.PLUGIN_KIND_SINK) {
        problems.push(
          `kind is ${PluginKind[plugin.kind] ?? plugin.kind}; expected PLUGIN_KIND_SOURCE or PLUGIN_KIND_SINK`,
        );
      }
      if (plugin.version.trim() === "") problems.push("version is empty");
      if (plugin.description.trim() === "") problems.push("description is empty");
      return problems.length === 0
        ? pass(`${PluginKind[plugin.kind]} ${plugin.version}`)
        : fail(problems.join("\n"));
    },
  };
}

/** `describe.config-definitions`: every config definition is complete and consistent (see configDefinitionProblems). */
export function configDefinitionsCheck(plugin: Plugin): ConformanceCheck {
  return {
    id: "describe.config-definitions",
    title: "config definitions are complete and consistent",
    plugin: plugin.className || "(unnamed)",
    run: async () => {
      const problems = configDefinitionProblems(plugin.configs);
      return problems.length === 0
        ? pass(countOf(plugin.configs.length, "definition"))
        : fail(problems.join("\n"));
    },
  };
}

function duplicateNames(plugins: readonly Plugin[]): string[] {
  const owners = new Map<string, string[]>();
  for (const plugin of plugins) {
    for (const name of new Set([plugin.className, ...plugin.aliases])) {
      owners.set(name, [...(owners.get(name) ?? []), plugin.className]);
    }
  }
  return [...owners]
    .filter(([, claimants]) => claimants.length > 1)
    .map(
      ([name, claimants]) =>
        `the name "${name}" is claimed by ${claimants.length} plugins (${claimants.join(", ")}); names must pick one plugin`,
    );
}

function missingPlugins(plugins: readonly Plugin[], named: readonly NamedPlugin[]): string[] {
  const names = new Set(plugins.flatMap((plugin) => [plugin.className, ...plugin.aliases]));
  return named
    .filter(({ name }) => !names.has(name))
    .map(({ name, usage }) => `the plugin "${name}" ${usage}, but Describe does not list it under that name`);
}
