/**
 * A connector command that could not do its job for a reason a person must fix: the REST API refused the
 * request or cannot be reached, or a file cannot be read. The message is the one line to show.
 */
export class CommandError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
  }
}
