import type { RunningComponent } from "@connect-mesh/deploy";

/**
 * The line `cmesh up` prints on how to reach a component from a shell (docs/local-stack.md has the same):
 * how to log in to a database, or, for a search engine, which has no login (the OSS builds have no
 * security), the first thing worth asking it. Undefined for any other component. The credentials are the
 * stack's fixed development ones: MariaDB's `root` without a password, PostgreSQL's `postgres` with the
 * password `postgres`.
 */
export function accessHintFor(component: RunningComponent): string | undefined {
  const { name, probe } = component;
  switch (probe.kind) {
    case "mariadb":
      return `log in to ${name}: mariadb -h ${probe.host} -P ${probe.port} -u root   (no password)`;
    case "postgres":
      return `log in to ${name}: PGPASSWORD=postgres psql -h ${probe.host} -p ${probe.port} -U postgres`;
    case "cluster-health":
      return `reach ${name}: curl ${probe.url}/_cluster/health?pretty`;
    default:
      return undefined;
  }
}
