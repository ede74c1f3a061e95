import { MeshError } from "@connect-mesh/errors";

/**
 * The errors the coordination port raises. Every adapter normalizes its client's errors into these at its
 * edge, so callers decide by `retriable` alone and never see an etcd (or Consul) error type.
 */

/**
 * The base of every error the coordination port raises: `retriable` when the same call may succeed if
 * tried again (after a backoff, or after re-listing).
 */
export class CoordinationError extends MeshError {}

/** The store could not be reached, or did not answer in time. The call may or may not have applied. */
export class CoordinationUnavailableError extends CoordinationError {
  constructor(
    /** The endpoints that were tried. */
    readonly endpoints: readonly string[],
    /** What was being done, e.g. `committing a transaction`. */
    readonly operation: string,
    cause?: unknown,
  ) {
    super(
      `the coordination store at ${endpoints.join(", ")} did not answer while ${operation} (${describe(cause)}); check that etcd is running and reachable, then try again`,
      { retriable: true, cause },
    );
  }
}

/** The store refused a request as invalid or forbidden; sending it again will not help. */
export class CoordinationRequestError extends CoordinationError {
  constructor(
    /** What was being done, e.g. `committing a transaction`. */
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`the coordination store rejected the request while ${operation}: ${describe(cause)}`, {
      retriable: false,
      cause,
    });
  }
}

/** The store was closed; nothing more can be done through it. */
export class CoordinationClosedError extends CoordinationError {
  constructor(
    /** What was being done when the store closed. */
    readonly operation: string,
  ) {
    super(`the coordination store was closed while ${operation}; open a new one`, { retriable: false });
  }
}

/**
 * A lease ended (revoked, expired, or its keep-alives failed for longer than its TTL). Keys written under it
 * are gone or about to go; grant a new lease and write them again.
 */
export class LeaseLostError extends CoordinationError {
  constructor(
    /** The store's id of the lease. */
    readonly leaseId: string,
    /** Why it ended, e.g. `it was revoked`. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`lease ${leaseId} ended: ${reason}; grant a new lease and register again`, {
      retriable: true,
      cause,
    });
  }
}

/** Leadership of an election ended while the lease that held it may still be alive. */
export class LeadershipLostError extends CoordinationError {
  constructor(
    /** The election, e.g. `/connect-mesh/prod/leader`. */
    readonly election: string,
    /** Why it ended, e.g. `it resigned`. */
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`leadership of "${election}" ended: ${reason}; campaign again to lead`, { retriable: true, cause });
  }
}

/**
 * A watch asked for revisions the store has already compacted away: the caller must list again and watch
 * after the new listing's revision.
 */
export class WatchCompactedError extends CoordinationError {
  constructor(
    /** The watched prefix. */
    readonly prefix: string,
    /** The first revision the watch needed. */
    readonly fromRevision: number,
    cause?: unknown,
  ) {
    super(
      `the watch on "${prefix}" cannot resume at revision ${fromRevision}: the store has compacted it away; list again and watch after the listing's revision`,
      { retriable: true, cause },
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
