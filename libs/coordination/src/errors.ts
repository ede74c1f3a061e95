/** The base of every error the coordination port raises: retriable when trying again may help. */
export class CoordinationError extends Error {
  readonly retriable: boolean;
  constructor(message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable;
  }
}

/** The store cannot be reached or did not answer in time. */
export class CoordinationUnavailableError extends CoordinationError {
  constructor(
    readonly endpoints: readonly string[],
    cause: unknown,
  ) {
    super(
      `the coordination store at ${endpoints.join(", ")} did not answer (${describe(cause)}); is etcd running? (cmesh status)`,
      { retriable: true, cause },
    );
  }
}

/**
 * A watch asked for revisions the store has already compacted away, or fell too far behind: the caller
 * must list again and watch from the new revision.
 */
export class WatchCompactedError extends CoordinationError {
  constructor(
    readonly prefix: string,
    reason: string,
    cause?: unknown,
  ) {
    super(
      `the watch on "${prefix}" cannot continue (${reason}); list again and watch from the listing's revision`,
      {
        retriable: true,
        cause,
      },
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
