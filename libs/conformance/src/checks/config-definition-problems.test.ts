import {
  type ConfigDefinition,
  ConfigImportance,
  ConfigType,
  type ConfigValidator,
} from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { configDefinitionProblems } from "./config-definition-problems.js";

function definition(overrides: Partial<ConfigDefinition> = {}): ConfigDefinition {
  return {
    name: "batch.size",
    type: ConfigType.CONFIG_TYPE_INT,
    defaultValue: "10",
    required: false,
    importance: ConfigImportance.CONFIG_IMPORTANCE_LOW,
    documentation: "Records per batch.",
    group: "",
    orderInGroup: 1,
    displayName: "Batch size",
    dependents: [],
    validators: [],
    secret: false,
    ...overrides,
  };
}

const range = (min?: number, max?: number): ConfigValidator => ({
  rule: { $case: "range", value: { min, max } },
});
const allowed = (values: string[], caseInsensitive = false): ConfigValidator => ({
  rule: { $case: "allowed", value: { values, caseInsensitive } },
});
const pattern = (source: string): ConfigValidator => ({ rule: { $case: "pattern", value: source } });
const nonEmpty: ConfigValidator = { rule: { $case: "nonEmpty", value: {} } };

describe("configDefinitionProblems", () => {
  it.each<[string, Partial<ConfigDefinition>]>([
    ["an INT with a default in range", { validators: [range(1, 100)] }],
    ["a required key without a default", { required: true, defaultValue: undefined }],
    [
      "an optional key without a default (Connect's null default)",
      { required: false, defaultValue: undefined },
    ],
    ["a secret PASSWORD", { type: ConfigType.CONFIG_TYPE_PASSWORD, defaultValue: undefined, secret: true }],
    [
      "a LIST whose every element is allowed, ignoring case",
      { type: ConfigType.CONFIG_TYPE_LIST, defaultValue: "A, b", validators: [allowed(["a", "b"], true)] },
    ],
    ["a BOOLEAN default in any case", { type: ConfigType.CONFIG_TYPE_BOOLEAN, defaultValue: "TRUE" }],
    [
      "a pattern the default matches somewhere",
      { type: ConfigType.CONFIG_TYPE_STRING, defaultValue: "x-1", validators: [pattern("\\d")] },
    ],
  ])("finds nothing wrong with %s", (_, overrides) => {
    expect(configDefinitionProblems([definition(overrides)])).toEqual([]);
  });

  it.each<[string, Partial<ConfigDefinition>, string]>([
    ["no name", { name: " " }, "config definition #1 has no name"],
    [
      "an unspecified type",
      { type: ConfigType.CONFIG_TYPE_UNSPECIFIED, defaultValue: undefined },
      '"batch.size" has type CONFIG_TYPE_UNSPECIFIED; expected one of BOOLEAN..PASSWORD',
    ],
    [
      "an unspecified importance",
      { importance: ConfigImportance.CONFIG_IMPORTANCE_UNSPECIFIED },
      '"batch.size" has importance CONFIG_IMPORTANCE_UNSPECIFIED; expected HIGH, MEDIUM or LOW',
    ],
    ["no documentation", { documentation: "  " }, '"batch.size" has no documentation'],
    [
      "a required key with a default",
      { required: true },
      '"batch.size" is required but has the default "10"; a key with a default is not required',
    ],
    [
      "a PASSWORD that is not secret",
      { type: ConfigType.CONFIG_TYPE_PASSWORD, defaultValue: undefined },
      '"batch.size" is a PASSWORD but secret is false; passwords are always secret',
    ],
    [
      "a range with min above max",
      { validators: [range(5, 1)], defaultValue: undefined },
      '"batch.size" has a range with min 5 > max 1, which no value can satisfy',
    ],
    [
      "a range on a string",
      { type: ConfigType.CONFIG_TYPE_STRING, defaultValue: undefined, validators: [range(1)] },
      '"batch.size" has a range rule, but its type CONFIG_TYPE_STRING is not numeric',
    ],
    [
      "an allowed list that allows nothing",
      { type: ConfigType.CONFIG_TYPE_STRING, defaultValue: undefined, validators: [allowed([])] },
      '"batch.size" has an allowed-values rule that allows no value',
    ],
    [
      "a validator with no rule",
      { validators: [{ rule: undefined }] },
      '"batch.size" has a validator with no rule set',
    ],
    [
      "a default that is not an INT",
      { defaultValue: "ten" },
      '"batch.size" has the default "ten", which is not a valid CONFIG_TYPE_INT',
    ],
    [
      "a default below its range",
      { defaultValue: "0", validators: [range(1)] },
      '"batch.size" has the default "0", which breaks its own rule: at least 1',
    ],
    [
      "an empty default that must not be empty",
      { type: ConfigType.CONFIG_TYPE_STRING, defaultValue: "", validators: [nonEmpty] },
      '"batch.size" has the default "", which breaks its own rule: not empty',
    ],
    [
      "a default outside the allowed values",
      { type: ConfigType.CONFIG_TYPE_STRING, defaultValue: "c", validators: [allowed(["a", "b"])] },
      '"batch.size" has the default "c", which breaks its own rule: one of a, b',
    ],
  ])("reports %s", (_, overrides, problem) => {
    expect(configDefinitionProblems([definition(overrides)])).toEqual([problem]);
  });

  it("reports an invalid pattern once, without judging the default by it", () => {
    const problems = configDefinitionProblems([
      definition({ type: ConfigType.CONFIG_TYPE_STRING, defaultValue: "x", validators: [pattern("(")] }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^"batch.size" has the pattern "\(", which is not an ECMAScript regular expression/,
    );
  });

  it("reports a name defined twice", () => {
    expect(configDefinitionProblems([definition(), definition()])).toEqual([
      '"batch.size" is defined 2 times; names must be unique',
    ]);
  });
});
