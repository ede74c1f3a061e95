/** A value that does not fit its schema or logical type (Connect's DataException). Never retriable. */
export class DataError extends Error {
  readonly retriable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
