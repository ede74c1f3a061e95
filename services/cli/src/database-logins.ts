import type { RunningComponent } from "@connect-mesh/deploy";

/**
 * How to log in to a database of the stack from a shell, or to ask a search engine's health, as `cmesh up`
 * prints it (docs/local-stack.md has the same); undefined for any other component. The credentials are the stack's fixed
 * development ones: MariaDB's `root` without a password, PostgreSQL's `postgres` with the password `postgres`.
 */
export function loginHintFor(component: RunningComponent): string | undefined {
  switch (component.probe.kind) {
    case "mariadb":
      return `mariadb -h ${component.probe.host} -P ${component.probe.port} -u root   (no password)`;
    case "postgres":
      return `PGPASSWORD=postgres psql -h ${component.probe.host} -p ${component.probe.port} -U postgres`;
    case "cluster-health":
      // No login: the OSS search engines have no security; this is the first thing worth asking them.
      return `curl ${component.probe.url}/_cluster/health?pretty`;
    default:
      return undefined;
  }
}
