/** A command line that cannot be understood; the message says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message} (cmesh --help lists the commands and options)`);
    this.name = new.target.name;
  }
}
