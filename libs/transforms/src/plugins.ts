import type { ConfigDefinition } from "@connect-mesh/proto";
import { toConfigDefinition } from "./internal/config-keys.js";
import type { PluginDef } from "./internal/plugin-def.js";
import { HAS_HEADER_KEY } from "./predicates/has-header-key.js";
import { RECORD_IS_TOMBSTONE } from "./predicates/record-is-tombstone.js";
import { TOPIC_NAME_MATCHES } from "./predicates/topic-name-matches.js";
import type { Predicate, Transformation } from "./transformation.js";
import { CAST } from "./transforms/cast.js";
import { DROP_HEADERS } from "./transforms/drop-headers.js";
import { EXTRACT_FIELD } from "./transforms/extract-field.js";
import { FILTER } from "./transforms/filter.js";
import { FLATTEN } from "./transforms/flatten.js";
import { HEADER_FROM } from "./transforms/header-from.js";
import { HOIST_FIELD } from "./transforms/hoist-field.js";
import { INSERT_FIELD } from "./transforms/insert-field.js";
import { INSERT_HEADER } from "./transforms/insert-header.js";
import { MASK_FIELD } from "./transforms/mask-field.js";
import { REGEX_ROUTER } from "./transforms/regex-router.js";
import { REPLACE_FIELD } from "./transforms/replace-field.js";
import { SET_SCHEMA_METADATA } from "./transforms/set-schema-metadata.js";
import { TIMESTAMP_CONVERTER } from "./transforms/timestamp-converter.js";
import { TIMESTAMP_ROUTER } from "./transforms/timestamp-router.js";
import { VALUE_TO_KEY } from "./transforms/value-to-key.js";

/** The version every built-in transform and predicate reports (this library's). */
export const TRANSFORMS_VERSION = "0.1.0";

/** Every transform class, in Connect's alphabetical order. */
export const TRANSFORMATION_DEFS: readonly PluginDef<Transformation>[] = [
  ...CAST,
  DROP_HEADERS,
  ...EXTRACT_FIELD,
  FILTER,
  ...FLATTEN,
  ...HEADER_FROM,
  ...HOIST_FIELD,
  ...INSERT_FIELD,
  INSERT_HEADER,
  ...MASK_FIELD,
  REGEX_ROUTER,
  ...REPLACE_FIELD,
  ...SET_SCHEMA_METADATA,
  ...TIMESTAMP_CONVERTER,
  TIMESTAMP_ROUTER,
  VALUE_TO_KEY,
];

/** Every predicate class. */
export const PREDICATE_DEFS: readonly PluginDef<Predicate>[] = [
  HAS_HEADER_KEY,
  RECORD_IS_TOMBSTONE,
  TOPIC_NAME_MATCHES,
];

function byName<T>(defs: readonly PluginDef<T>[]): ReadonlyMap<string, PluginDef<T>> {
  return new Map(defs.flatMap((def) => [def.className, ...def.aliases].map((name) => [name, def] as const)));
}

const TRANSFORMATIONS_BY_NAME = byName(TRANSFORMATION_DEFS);
const PREDICATES_BY_NAME = byName(PREDICATE_DEFS);

/** A transform class by its full class name or alias (case-sensitive, as Java class names are). */
export function findTransformationDef(name: string): PluginDef<Transformation> | undefined {
  return TRANSFORMATIONS_BY_NAME.get(name.trim());
}

/** A predicate class by its full class name or alias. */
export function findPredicateDef(name: string): PluginDef<Predicate> | undefined {
  return PREDICATES_BY_NAME.get(name.trim());
}

/**
 * A transform or predicate class as the REST API lists it (`GET /connector-plugins?connectorsOnly=false`)
 * and describes its config (`GET /connector-plugins/{plugin}/config`).
 */
export interface TransformPluginDescriptor {
  /** Connect's full class name, e.g. "org.apache.kafka.connect.transforms.MaskField$Value". */
  readonly className: string;
  /** Connect's plugin type. */
  readonly type: "transformation" | "predicate";
  readonly version: string;
  /** The short names the class is also accepted by, e.g. "MaskField$Value". */
  readonly aliases: readonly string[];
  /** Connect's overview of the class. */
  readonly documentation: string;
  /** The class's own config keys (not the implicit `type`, `predicate` and `negate`). */
  readonly configDefinitions: readonly ConfigDefinition[];
}

function describe<T>(def: PluginDef<T>, type: TransformPluginDescriptor["type"]): TransformPluginDescriptor {
  return {
    className: def.className,
    type,
    version: TRANSFORMS_VERSION,
    aliases: def.aliases,
    documentation: def.documentation,
    configDefinitions: def.keys.map((key, i) => toConfigDefinition(key, i + 1)),
  };
}

const DESCRIPTORS: readonly TransformPluginDescriptor[] = [
  ...TRANSFORMATION_DEFS.map((def) => describe(def, "transformation")),
  ...PREDICATE_DEFS.map((def) => describe(def, "predicate")),
];

/** Every built-in transform and predicate class, transforms first, each in alphabetical order. */
export function transformPluginDescriptors(): readonly TransformPluginDescriptor[] {
  return DESCRIPTORS;
}

/** A transform or predicate class by full class name or alias, or undefined when there is none. */
export function findTransformPlugin(name: string): TransformPluginDescriptor | undefined {
  const trimmed = name.trim();
  return DESCRIPTORS.find((d) => d.className === trimmed || d.aliases.includes(trimmed));
}
