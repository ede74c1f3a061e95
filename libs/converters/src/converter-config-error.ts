import { MeshError } from "@connect-mesh/errors";

/**
 * A converter's class name or configuration cannot be used. Never retriable: the connector's config has to
 * change first.
 */
export class ConverterConfigError extends MeshError {
  /** @param key - the config key at fault, when one is (e.g. "schemas.enable"). */
  constructor(
    message: string,
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, { retriable: false, cause: options?.cause });
  }
}
