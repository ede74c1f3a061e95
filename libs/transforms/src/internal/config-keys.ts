import {
  type ConfigDefinition,
  ConfigImportance,
  ConfigType,
  type ConfigValidator,
} from "@connect-mesh/proto";

/** The ConfigDef types transforms use. */
export type ConfigKeyType = "string" | "list" | "boolean" | "int";

/** A parsed config value: STRING and CLASS as text, LIST as its items, BOOLEAN, INT. */
export type ParsedValue = string | readonly string[] | boolean | number;

/** One config key of a transform or predicate (Connect's ConfigDef.define). */
export interface ConfigKeyDef {
  readonly name: string;
  readonly type: ConfigKeyType;
  /**
   * The default as Connect shows it ("" for an empty list). Undefined makes the key required
   * (Connect's NO_DEFAULT_VALUE); null makes it optional with no value.
   */
  readonly defaultValue?: string | null;
  readonly importance: "high" | "medium" | "low";
  readonly documentation: string;
  /** Connect's ValidString / CaseInsensitiveValidString. */
  readonly allowed?: { readonly values: readonly string[]; readonly caseInsensitive: boolean };
  /** Connect's other validators: the problem with a given (parsed) value, or undefined when it is fine. */
  readonly check?: (value: ParsedValue) => string | undefined;
}

const TYPES: Record<ConfigKeyType, ConfigType> = {
  string: ConfigType.CONFIG_TYPE_STRING,
  list: ConfigType.CONFIG_TYPE_LIST,
  boolean: ConfigType.CONFIG_TYPE_BOOLEAN,
  int: ConfigType.CONFIG_TYPE_INT,
};

const IMPORTANCES: Record<ConfigKeyDef["importance"], ConfigImportance> = {
  high: ConfigImportance.CONFIG_IMPORTANCE_HIGH,
  medium: ConfigImportance.CONFIG_IMPORTANCE_MEDIUM,
  low: ConfigImportance.CONFIG_IMPORTANCE_LOW,
};

/** The contract's ConfigDefinition of a key, as `GET /connector-plugins/{plugin}/config` shows it. */
export function toConfigDefinition(key: ConfigKeyDef, orderInGroup: number): ConfigDefinition {
  const validators: ConfigValidator[] =
    key.allowed === undefined
      ? []
      : [
          {
            rule: {
              $case: "allowed",
              value: { values: [...key.allowed.values], caseInsensitive: key.allowed.caseInsensitive },
            },
          },
        ];
  return {
    name: key.name,
    type: TYPES[key.type],
    defaultValue: key.defaultValue ?? undefined,
    required: key.defaultValue === undefined,
    importance: IMPORTANCES[key.importance],
    documentation: key.documentation,
    group: "",
    orderInGroup,
    displayName: key.name,
    dependents: [],
    validators,
    secret: false,
  };
}

/** The key `replace.null.with.default` (KIP-581) that most value-touching transforms take. */
export const REPLACE_NULL_WITH_DEFAULT: ConfigKeyDef = {
  name: "replace.null.with.default",
  type: "boolean",
  defaultValue: "true",
  importance: "medium",
  documentation:
    "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.",
};

/** Connect's NonEmptyListValidator. */
export function nonEmptyList(value: ParsedValue): string | undefined {
  return Array.isArray(value) && value.length === 0 ? "Empty list" : undefined;
}

/** Connect's NonEmptyString validator. */
export function nonEmptyString(value: ParsedValue): string | undefined {
  return value === "" ? "String must be non-empty" : undefined;
}
