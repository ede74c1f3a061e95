import { CommandError } from "./command-error.js";

/**
 * The REST API answered outside 2xx. The message leads with the server's own words (Connect's
 * `{"error_code","message"}` body), since they say what is wrong, then names the request.
 */
export class RestAnswerError extends CommandError {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super(`${serverMessage} (${method} ${url} answered ${status})`);
  }
}

/** Nothing answered at the REST API's address, or it did not answer in time. */
export class RestUnreachableError extends CommandError {
  constructor(
    readonly baseUrl: string,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}
