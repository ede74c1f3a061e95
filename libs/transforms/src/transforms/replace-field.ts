import type { Record, Schema } from "@connect-mesh/proto";
import { SchemaType } from "@connect-mesh/proto";
import { type ParsedValue, REPLACE_NULL_WITH_DEFAULT } from "../internal/config-keys.js";
import type { PluginConfig } from "../internal/plugin-config.js";
import { keyValueTransformDefs } from "../internal/plugin-def.js";
import type { RecordSide } from "../internal/record-side.js";
import { requireMap, requireStruct } from "../internal/requirements.js";
import { SchemalessMap } from "../internal/schemaless-map.js";
import { copySchemaBasics, fieldSchema, withFields } from "../internal/schemas.js";
import { fieldValue } from "../internal/structs.js";
import { isNull, structValue } from "../internal/values.js";
import type { Transformation } from "../transformation.js";

const PURPOSE = "field replacement";

/** Parses `renames` (`old:new,…`); each mapping must be exactly two names. */
function parseRenames(mappings: readonly string[]): Map<string, string> | string {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const parts = mapping.split(":");
    // Java's String.split drops trailing empty parts, so "a:" has one part and is refused.
    while (parts.length > 0 && parts.at(-1) === "") parts.pop();
    const [from, to] = parts;
    if (parts.length !== 2 || from === undefined || to === undefined)
      return `Invalid rename mapping: ${mapping}`;
    renames.set(from, to);
  }
  return renames;
}

function checkRenames(value: ParsedValue): string | undefined {
  const renames = parseRenames(Array.isArray(value) ? value : []);
  return typeof renames === "string" ? renames : undefined;
}

/**
 * A list key that replaced a deprecated name (Connect's translateDeprecatedConfigs): the new name wins
 * when both are given.
 */
function listOrDeprecated(config: PluginConfig, name: string, deprecated: string): readonly string[] {
  return config.has(name) || !config.has(deprecated) ? config.list(name) : config.list(deprecated);
}

/**
 * ReplaceField: keeps only `include` fields (all when empty), drops `exclude` fields (which win), and
 * renames fields. Null passes through. The deprecated `whitelist` and `blacklist` names are read too.
 */
export const REPLACE_FIELD = keyValueTransformDefs("ReplaceField", {
  documentation: "Filter or rename fields.",
  keys: [
    {
      name: "exclude",
      type: "list",
      defaultValue: "",
      importance: "medium",
      documentation: "Fields to exclude. This takes precedence over the fields to include.",
    },
    {
      name: "blacklist",
      type: "list",
      defaultValue: null,
      importance: "low",
      documentation: "Deprecated. Use exclude instead.",
    },
    {
      name: "include",
      type: "list",
      defaultValue: "",
      importance: "medium",
      documentation: "Fields to include. If specified, only these fields will be used.",
    },
    {
      name: "whitelist",
      type: "list",
      defaultValue: null,
      importance: "low",
      documentation: "Deprecated. Use include instead.",
    },
    {
      name: "renames",
      type: "list",
      defaultValue: "",
      importance: "medium",
      documentation: "Field rename mappings.",
      check: checkRenames,
    },
    REPLACE_NULL_WITH_DEFAULT,
  ],
  create(config, side) {
    const renames = parseRenames(config.list("renames"));
    return new ReplaceField(
      new Set(listOrDeprecated(config, "exclude", "blacklist")),
      new Set(listOrDeprecated(config, "include", "whitelist")),
      typeof renames === "string" ? new Map() : renames,
      config.boolean("replace.null.with.default"),
      side,
    );
  },
});

class ReplaceField implements Transformation {
  constructor(
    private readonly exclude: ReadonlySet<string>,
    private readonly include: ReadonlySet<string>,
    private readonly renames: ReadonlyMap<string, string>,
    private readonly replaceNullWithDefault: boolean,
    private readonly side: RecordSide,
  ) {}

  private keeps(name: string): boolean {
    return !this.exclude.has(name) && (this.include.size === 0 || this.include.has(name));
  }

  private renamed(name: string): string {
    return this.renames.get(name) ?? name;
  }

  apply(record: Record): Record {
    const value = this.side.valueOf(record);
    if (isNull(value)) return record;
    const schema = this.side.schemaOf(record);
    if (schema === undefined) {
      const updated = SchemalessMap.empty();
      for (const [name, v] of SchemalessMap.copyOf(requireMap(value, PURPOSE)).stringEntries()) {
        if (this.keeps(name)) updated.set(this.renamed(name), v);
      }
      return this.side.with(record, undefined, updated.toValue());
    }
    const struct = requireStruct(value, PURPOSE);
    const kept = schema.fields.filter((field) => this.keeps(field.name));
    const updatedSchema: Schema = withFields(
      copySchemaBasics(schema, SchemaType.SCHEMA_TYPE_STRUCT),
      kept.map((field) => [this.renamed(field.name), fieldSchema(field)] as const),
    );
    const values = kept.map(
      (field) => [this.renamed(field.name), fieldValue(struct, field, this.replaceNullWithDefault)] as const,
    );
    return this.side.with(record, updatedSchema, structValue(values));
  }
}
