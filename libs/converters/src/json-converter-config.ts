import type { ConverterConfig } from "./converter.js";
import { readBoolean, readChoice, readInt } from "./internal/config-values.js";

/** How JsonConverter writes Decimal values (Connect's `decimal.format`, KIP-481). */
export type DecimalFormat = "BASE64" | "NUMERIC";

/** JsonConverter's settings, parsed from Connect's config keys. */
export interface JsonConverterSettings {
  /** `schemas.enable` (default true): wrap each value in Connect's `{"schema":…,"payload":…}` envelope. */
  readonly schemasEnable: boolean;
  /** `decimal.format` (default BASE64): Decimals as base64 of their unscaled bytes, or as JSON numbers. */
  readonly decimalFormat: DecimalFormat;
  /**
   * `replace.null.with.default` (default true, KIP-581): a null whose schema has a default is written and
   * read as that default. When false, the null is kept.
   */
  readonly replaceNullWithDefault: boolean;
  /**
   * `schemas.cache.size` (default 1000): how many schemas each direction remembers already converted (a
   * record's schema to the envelope's JSON schema, and the envelope's JSON schema back to a schema), so that a
   * stream of records sharing a schema converts it once. Zero or less turns the caches off, as in Connect.
   */
  readonly schemasCacheSize: number;
}

/**
 * Parses JsonConverter's config. Other keys are ignored, as in Connect.
 *
 * @throws ConverterConfigError naming the key whose value is invalid.
 */
export function parseJsonConverterConfig(config: ConverterConfig): JsonConverterSettings {
  return {
    schemasEnable: readBoolean(config, "schemas.enable", true),
    decimalFormat: readChoice(config, "decimal.format", ["BASE64", "NUMERIC"], "BASE64"),
    replaceNullWithDefault: readBoolean(config, "replace.null.with.default", true),
    schemasCacheSize: readInt(config, "schemas.cache.size", 1000),
  };
}
