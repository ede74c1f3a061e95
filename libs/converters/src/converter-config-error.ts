/**
 * A converter's class name or configuration cannot be used. Never retriable: the connector's config has to
 * change first.
 */
export class ConverterConfigError extends Error {
  readonly retriable = false;

  /** @param key - the config key at fault, when one is (e.g. "schemas.enable"). */
  constructor(
    message: string,
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
