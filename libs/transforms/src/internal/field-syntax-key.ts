import type { ConfigKeyDef } from "./config-keys.js";
import { FieldPath, type FieldSyntaxVersion } from "./field-path.js";
import { PluginConfigProblem } from "./plugin-config.js";

/** Connect's `field.syntax.version` key (KIP-821), as FieldSyntaxVersion.appendConfigTo defines it. */
export const FIELD_SYNTAX_VERSION: ConfigKeyDef = {
  name: "field.syntax.version",
  type: "string",
  defaultValue: "V1",
  importance: "high",
  allowed: { values: ["V1", "V2"], caseInsensitive: true },
  documentation:
    'Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested elements. To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield `baz` from a field named "foo.bar" in a struct/map the following format can be used to access its elements: "`foo.bar`.baz".',
};

/** Parses a field path; a malformed one is a problem with the `field` key. */
export function fieldPathCheck(field: string, version: FieldSyntaxVersion): FieldPath {
  try {
    return FieldPath.parse(field, version);
  } catch (e) {
    throw new PluginConfigProblem(
      "field",
      `Invalid value ${field} for configuration {key}: ${(e as Error).message}`,
    );
  }
}
