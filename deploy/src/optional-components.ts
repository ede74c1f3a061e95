import { StackError } from "./stack-error.js";

/**
 * The components `cmesh up --with` adds to the stack, in the order they start. Each is infrastructure the
 * connectors talk to (a database, later a search engine or a schema registry), so they start after etcd and
 * Kafka and before the mesh's services.
 */
export const OPTIONAL_COMPONENTS = ["mariadb", "postgres", "elasticsearch", "opensearch"] as const;

/** One component `cmesh up --with` can add. */
export type OptionalComponent = (typeof OPTIONAL_COMPONENTS)[number];

/**
 * Reads a comma-separated list such as "mariadb,postgres" (any case; spaces, repeats and empty items are ignored)
 * into the components it names, in start order. `source` names where the text came from (`--with`,
 * CONNECT_MESH_WITH) for the error that lists the known names.
 */
export function parseOptionalComponents(text: string, source: string): readonly OptionalComponent[] {
  const named = text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  const unknown = named.filter((name) => !isOptionalComponent(name));
  if (unknown.length > 0) {
    const quoted = unknown.map((name) => `"${name}"`).join(", ");
    throw new StackError(
      `${source} names ${quoted}, which the stack cannot add; the components it knows are ${OPTIONAL_COMPONENTS.join(", ")}`,
    );
  }
  return OPTIONAL_COMPONENTS.filter((component) => named.includes(component));
}

function isOptionalComponent(name: string): name is OptionalComponent {
  return (OPTIONAL_COMPONENTS as readonly string[]).includes(name);
}
