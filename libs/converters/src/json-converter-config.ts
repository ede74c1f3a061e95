import type { ConverterConfig } from "./converter.js";
import { readBoolean, readChoice } from "./internal/config-values.js";

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
}

/**
 * Parses JsonConverter's config. `schemas.cache.size` is accepted and ignored: schemas are converted per
 * record here, so there is no cache to size. Other keys are ignored, as in Connect.
 *
 * @throws ConverterConfigError naming the key whose value is invalid.
 */
export function parseJsonConverterConfig(config: ConverterConfig): JsonConverterSettings {
  return {
    schemasEnable: readBoolean(config, "schemas.enable", true),
    decimalFormat: readChoice(config, "decimal.format", ["BASE64", "NUMERIC"], "BASE64"),
    replaceNullWithDefault: readBoolean(config, "replace.null.with.default", true),
  };
}
