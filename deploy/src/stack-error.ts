/**
 * A problem bringing the local stack up or down that a person must fix: no Java, a port already taken, a
 * registry that cannot be reached, a build that failed. The message is the one line to show; `detail`
 * holds what helps to diagnose it (such as the tail of a build log).
 */
export class StackError extends Error {
  readonly detail: string | undefined;
  constructor(message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
  }
}
