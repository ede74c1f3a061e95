import { MeshError } from "@connect-mesh/errors";

/**
 * A transform failed on a record (Connect's stage TRANSFORMATION). It carries what the worker needs to
 * report the failure, e.g. in the dead-letter queue's `__connect.errors.class.name` header: the alias and
 * the transform's class. The transform's own error is the `cause`. Never retriable: the same record fails
 * the same way again, so `errors.tolerance` decides whether to skip it.
 */
export class TransformError extends MeshError {
  /** The stage that failed, as Connect names it in `__connect.errors.stage`. */
  readonly stage = "TRANSFORMATION";

  /**
   * @param alias - the transform's alias in `transforms` (e.g. "mask").
   * @param className - the transform's full class name (e.g. "org.apache.kafka.connect.transforms.MaskField$Value").
   */
  constructor(
    readonly alias: string,
    readonly className: string,
    cause: unknown,
  ) {
    super(`transform "${alias}" (${className}) failed on a record: ${messageOf(cause)}`, {
      retriable: false,
      cause,
    });
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
