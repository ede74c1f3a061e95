import { connectorRuntimeSettingsFrom } from "@connect-mesh/connector-config";
import {
  type Converter,
  createConverter,
  createHeaderConverter,
  type HeaderConverter,
} from "@connect-mesh/converters";

/** A task's key, value and header converters. */
export interface TaskConverters {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: HeaderConverter;
}

/**
 * The converters a task's config asks for (`key.converter`, `value.converter`, `header.converter` and
 * their `.`-prefixed settings, e.g. `value.converter.schemas.enable`), or the worker's defaults.
 */
export function taskConvertersFrom(config: Readonly<Record<string, string>>): TaskConverters {
  const { key, value, header } = connectorRuntimeSettingsFrom(config).converters;
  return {
    key: createConverter(key.className, key.config, { isKey: true }),
    value: createConverter(value.className, value.config, { isKey: false }),
    header: createHeaderConverter(header.className, header.config),
  };
}
