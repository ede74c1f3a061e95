/** The width of the component-name column in `up` and `status`: the longest name, connector-http-python, fits. */
export const NAME_COLUMN = 22;

/** Where the CLI writes for people: results to stdout, progress and errors to stderr. */
export interface Output {
  result(line: string): void;
  progress(line: string): void;
  error(line: string): void;
}

/** The terminal. */
export const terminal: Output = {
  result: (line) => process.stdout.write(`${line}\n`),
  progress: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};
