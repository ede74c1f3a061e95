import { ConfigType } from "@connect-mesh/proto";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { countOf } from "../internal/count-of.js";
import { configTypeName } from "../internal/parse-config-text.js";
import { type CheckContext, noWorkingConfig, type PluginUnderTest } from "./check-context.js";
import { errorsByKey, validateConfig } from "./validate-request.js";

/** A value no key of the type accepts, chosen so that it fails parsing rather than some range rule. */
const WRONG_TYPED_VALUES: Partial<Record<ConfigType, string>> = {
  [ConfigType.CONFIG_TYPE_BOOLEAN]: "not-a-boolean",
  [ConfigType.CONFIG_TYPE_SHORT]: "not-a-number",
  [ConfigType.CONFIG_TYPE_INT]: "not-a-number",
  [ConfigType.CONFIG_TYPE_LONG]: "not-a-number",
  [ConfigType.CONFIG_TYPE_DOUBLE]: "not-a-number",
};

/** `validate.one-result-per-key`: Validate answers one result for each key the plugin defines. */
export function oneResultPerKeyCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className, configs } = target.plugin;
  return {
    id: "validate.one-result-per-key",
    title: "Validate answers one result per defined key",
    plugin: className,
    run: async (scope) => {
      const response = await validateConfig(context, scope, className, {});
      const counts = new Map<string, number>();
      for (const value of response.values) counts.set(value.name, (counts.get(value.name) ?? 0) + 1);
      const problems = configs.flatMap((definition) => {
        const count = counts.get(definition.name) ?? 0;
        if (count === 1) return [];
        return [
          count === 0
            ? `no result for the defined key "${definition.name}"`
            : `${count} results for the key "${definition.name}"`,
        ];
      });
      return problems.length === 0
        ? pass(countOf(response.values.length, "result"))
        : fail(
            `expected one result per defined key (Validate with an empty config):\n${problems.join("\n")}`,
          );
    },
  };
}

/** `validate.required-keys-flagged`: Validate with an empty config reports an error on every required key. */
export function requiredKeysFlaggedCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className, configs } = target.plugin;
  return {
    id: "validate.required-keys-flagged",
    title: "an empty config gets an error on every required key",
    plugin: className,
    run: async (scope) => {
      const required = configs
        .filter((definition) => definition.required)
        .map((definition) => definition.name);
      if (required.length === 0) return pass("the plugin has no required keys");
      const errors = errorsByKey(await validateConfig(context, scope, className, {}));
      const unflagged = required.filter((name) => (errors.get(name)?.length ?? 0) === 0);
      return unflagged.length === 0
        ? pass(`flagged ${required.join(", ")}`)
        : fail(
            `expected an error on every required key for an empty config; none on ${unflagged
              .map((name) => `"${name}"${errors.has(name) ? "" : " (no result at all)"}`)
              .join(", ")}`,
          );
    },
  };
}

/**
 * `validate.wrong-type-flagged`: a value that does not parse as the key's type (BOOLEAN, SHORT, INT, LONG,
 * DOUBLE) gets an error on that key, one Validate call per key so each verdict is about one key only.
 */
export function wrongTypeFlaggedCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className, configs } = target.plugin;
  return {
    id: "validate.wrong-type-flagged",
    title: "a value of the wrong type gets an error on its key",
    plugin: className,
    run: async (scope) => {
      const typed = configs.flatMap((definition) => {
        const wrong = WRONG_TYPED_VALUES[definition.type];
        return wrong === undefined ? [] : [{ definition, wrong }];
      });
      if (typed.length === 0) return skip("the plugin defines no BOOLEAN, SHORT, INT, LONG or DOUBLE keys");
      const problems: string[] = [];
      for (const { definition, wrong } of typed) {
        const config = { ...(target.workingConfig ?? {}), [definition.name]: wrong };
        const errors = errorsByKey(await validateConfig(context, scope, className, config)).get(
          definition.name,
        );
        if (errors === undefined || errors.length === 0) {
          problems.push(
            `"${definition.name}" (${configTypeName(definition.type)}) set to "${wrong}": expected an error on ` +
              `the key; Validate reported ${errors === undefined ? "no result for it" : "none"}`,
          );
        }
      }
      return problems.length === 0
        ? pass(`flagged ${typed.map(({ definition }) => definition.name).join(", ")}`)
        : fail(problems.join("\n"));
    },
  };
}

/** `validate.working-config-accepted`: the caller's working config gets no error on any key. */
export function workingConfigAcceptedCheck(
  context: CheckContext,
  target: PluginUnderTest,
  option: "sourceConfigs" | "sinkConfigs",
): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "validate.working-config-accepted",
    title: "the working config gets no errors",
    plugin: className,
    run: async (scope) => {
      if (target.workingConfig === undefined) return skip(noWorkingConfig(target, option));
      const response = await validateConfig(context, scope, className, target.workingConfig);
      const flagged = response.values.filter((value) => value.errors.length > 0);
      return flagged.length === 0
        ? pass(`${countOf(response.values.length, "key")} without errors`)
        : fail(
            `expected no errors for the working config; got:\n${flagged
              .map((value) => `"${value.name}": ${value.errors.join("; ")}`)
              .join("\n")}`,
          );
    },
  };
}
