import type { FastifyInstance, preValidationHookHandler } from "fastify";

/**
 * Reads boolean query parameters in any case (`True`, `FALSE`), as Kafka Connect does: Python clients
 * write `includeTasks=True`. Each route whose query schema has boolean properties lower-cases their
 * values before validation, where they become booleans; any other spelling (`yes`, `1`) still answers 400,
 * saying which parameter is not a boolean. Register it before the routes: it looks at each as it is added.
 */
export function readBooleanQueryParamsInAnyCase(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const names = booleanPropertiesOf(route.schema?.querystring);
    if (names.length === 0) return;
    const lowerCase: preValidationHookHandler = (request, _reply, done) => {
      const query = request.query as Record<string, unknown>;
      for (const name of names) {
        const value = query[name];
        if (typeof value === "string") query[name] = value.toLowerCase();
      }
      done();
    };
    const existing = route.preValidation;
    route.preValidation =
      existing === undefined
        ? [lowerCase]
        : [lowerCase, ...(Array.isArray(existing) ? existing : [existing])];
  });
}

function booleanPropertiesOf(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null || !("properties" in schema)) return [];
  const properties = (schema as { properties: Record<string, { type?: unknown }> }).properties;
  return Object.entries(properties)
    .filter(([, property]) => property.type === "boolean")
    .map(([name]) => name);
}
