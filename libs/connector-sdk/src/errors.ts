import { MeshError, toMeshError } from "@connect-mesh/errors";

/**
 * The base of every error a plugin raises or the SDK reports for it. `retriable` tells the worker whether
 * trying the same work again may help (Connect's RetriableException against a plain ConnectException);
 * `recordIndex` names the record of a batch at fault, so that only that record goes to the dead-letter queue.
 */
export class PluginError extends MeshError {
  /** The position within the batch of the record at fault; unset when the whole batch failed. */
  readonly recordIndex: number | undefined;

  constructor(message: string, options: { retriable: boolean; recordIndex?: number; cause?: unknown }) {
    super(message, options);
    this.recordIndex = options.recordIndex;
  }
}

/** A passing condition (the outside system is down, throttled or timed out): the worker retries. */
export class RetriableError extends PluginError {
  constructor(message: string, options: { recordIndex?: number; cause?: unknown } = {}) {
    super(message, { ...options, retriable: true });
  }
}

/**
 * Retrying cannot help (bad data, a rejected request, a broken config): the worker applies the error
 * policy (errors.tolerance, the dead-letter queue) or fails the task.
 */
export class FatalError extends PluginError {
  constructor(message: string, options: { recordIndex?: number; cause?: unknown } = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** One thing wrong with a connector config: the key it is about and what is wrong, for people. */
export interface ConfigProblem {
  /** The config key, e.g. "batch.size". */
  readonly key: string;
  /** What is wrong with its value, e.g. "Value must be at least 1". */
  readonly message: string;
}

/** A connector or task config that does not parse or validate. Never retriable: the config must change. */
export class ConfigError extends FatalError {
  /** Every problem found, not just the first, so a person can fix them in one go. */
  readonly problems: readonly ConfigProblem[];

  constructor(subject: string, problems: readonly ConfigProblem[]) {
    super(`${subject} is invalid: ${problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
    this.problems = problems;
  }
}

/**
 * Normalizes whatever was caught into a PluginError, keeping it as the cause, with the verdict
 * `toMeshError` gives it: ours and other libraries' errors that carry a boolean `retriable` keep theirs;
 * any other error is fatal, as an unexpected exception fails a task in Kafka Connect.
 */
export function toPluginError(error: unknown): PluginError {
  if (error instanceof PluginError) return error;
  const { message, retriable } = toMeshError(error);
  return new PluginError(message, { retriable, cause: error });
}
