import type { ConverterConfig } from "./converter.js";

/**
 * The converter's own config out of a connector (or worker) config: for the prefix "value.converter",
 * `value.converter.schemas.enable` becomes `schemas.enable`. The class key itself ("value.converter")
 * is not included. A trailing dot on the prefix is optional.
 */
export function converterConfigFrom(
  connectorConfig: Readonly<Record<string, string>>,
  prefix: string,
): ConverterConfig {
  const dotted = prefix.endsWith(".") ? prefix : `${prefix}.`;
  return Object.fromEntries(
    Object.entries(connectorConfig)
      .filter(([key]) => key.startsWith(dotted) && key.length > dotted.length)
      .map(([key, value]) => [key.slice(dotted.length), value]),
  );
}
