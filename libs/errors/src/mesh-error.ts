/**
 * The base of every error connect-mesh raises. `retriable` says whether trying the same work again may
 * help (a service restarting, a store not answering) or cannot (bad data, a config that must change), as
 * Connect's RetriableException does against a plain ConnectException. Callers decide by that flag alone,
 * through `toMeshError` for whatever they caught.
 */
export class MeshError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { readonly retriable: boolean; readonly cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable;
  }
}

/**
 * Whatever was caught, as a MeshError: ours unchanged; another library's error that carries a boolean
 * `retriable` (kafkajs's, for one) with that verdict kept; anything else not retriable, as an unexpected
 * exception fails a task in Kafka Connect. The original is the cause, its message the message.
 */
export function toMeshError(error: unknown): MeshError {
  if (error instanceof MeshError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MeshError(message === "" ? "an error without a message" : message, {
    retriable: retriableVerdictOf(error) ?? false,
    cause: error,
  });
}

/** What `error` itself says of retrying: its boolean `retriable`, or undefined when it carries none. */
export function retriableVerdictOf(error: unknown): boolean | undefined {
  if (error instanceof MeshError) return error.retriable;
  const flag =
    typeof error === "object" && error !== null ? (error as { retriable?: unknown }).retriable : undefined;
  return typeof flag === "boolean" ? flag : undefined;
}
