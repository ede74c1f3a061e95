/**
 * The REST path of a connector, plus `suffix` (such as "/status"). The name is URL-encoded: Connect allows
 * almost any character in a name, and a slash or a question mark would otherwise change the path.
 */
export function connectorPath(name: string, suffix = ""): string {
  return `/connectors/${encodeURIComponent(name)}${suffix}`;
}
