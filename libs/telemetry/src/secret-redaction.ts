/** What a redacted value reads as in a log line. */
export const REDACTED = "[hidden]";

/**
 * pino redaction paths that hide the values of secret config keys (the contract's CONFIG_TYPE_PASSWORD
 * keys, or any marked `secret`) wherever a config map is logged: under `config` at the top of a line or
 * one level down (`{ task: { config } }`). Keys are Connect's dotted names, so each is quoted.
 */
export function secretConfigPaths(
  secretKeys: Iterable<string>,
  configFields: readonly string[] = ["config"],
): string[] {
  const paths: string[] = [];
  for (const key of secretKeys) {
    for (const field of configFields) {
      const path = `${field}[${JSON.stringify(key)}]`;
      paths.push(path, `*.${path}`);
    }
  }
  return paths;
}
