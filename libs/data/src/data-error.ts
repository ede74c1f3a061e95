import { MeshError } from "@connect-mesh/errors";

/** A value that does not fit its schema or logical type (Connect's DataException). Never retriable. */
export class DataError extends MeshError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { retriable: false, cause: options?.cause });
  }
}
