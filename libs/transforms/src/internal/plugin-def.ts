import type { Predicate, Transformation } from "../transformation.js";
import type { ConfigKeyDef } from "./config-keys.js";
import type { PluginConfig } from "./plugin-config.js";
import { KEY_SIDE, type RecordSide, VALUE_SIDE } from "./record-side.js";

/** Connect's package for the built-in transforms; predicates live in its `predicates` subpackage. */
export const TRANSFORMS_PACKAGE = "org.apache.kafka.connect.transforms";

/** A transform or predicate class: its names, its config keys and how to build it from them. */
export interface PluginDef<T> {
  /** Connect's full class name, e.g. "org.apache.kafka.connect.transforms.MaskField$Value". */
  readonly className: string;
  /** The short names accepted for it, e.g. "MaskField$Value". */
  readonly aliases: readonly string[];
  /** Connect's overview of the class. */
  readonly documentation: string;
  readonly keys: readonly ConfigKeyDef[];
  /**
   * Builds the plugin from its config, whose keys have each been validated already. Throws a
   * PluginConfigProblem for what a single key cannot show (e.g. two lists of different lengths).
   */
  create(config: PluginConfig): T;
}

/** A transform that exists once (e.g. RegexRouter). */
export function transformDef(
  simpleName: string,
  def: Omit<PluginDef<Transformation>, "className" | "aliases">,
): PluginDef<Transformation> {
  return { className: `${TRANSFORMS_PACKAGE}.${simpleName}`, aliases: [simpleName], ...def };
}

/** A predicate (e.g. TopicNameMatches). */
export function predicateDef(
  simpleName: string,
  def: Omit<PluginDef<Predicate>, "className" | "aliases">,
): PluginDef<Predicate> {
  return { className: `${TRANSFORMS_PACKAGE}.predicates.${simpleName}`, aliases: [simpleName], ...def };
}

/** A transform with Connect's `$Key` and `$Value` variants, written once against a RecordSide. */
export function keyValueTransformDefs(
  simpleName: string,
  def: Omit<PluginDef<Transformation>, "className" | "aliases" | "create"> & {
    create(config: PluginConfig, side: RecordSide): Transformation;
  },
): PluginDef<Transformation>[] {
  return [KEY_SIDE, VALUE_SIDE].map((side) => {
    const name = `${simpleName}$${side.variant}`;
    return {
      className: `${TRANSFORMS_PACKAGE}.${name}`,
      aliases: [name],
      documentation: def.documentation,
      keys: def.keys,
      create: (config) => def.create(config, side),
    };
  });
}
