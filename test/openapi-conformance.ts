import { Ajv } from "ajv";
import { rest } from "./rest-client.js";

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Checks answers against the coordinator's own `/openapi.json`: the status must be documented for the
 * operation, and the body must fit the documented schema. An answer documented without a body must have none.
 */
export class OpenApiConformance {
  // The document is OpenAPI 3.0: `nullable` is its keyword, and `example` an annotation Ajv need not know.
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  private constructor(private readonly document: Document) {}

  static async fetch(restUrl: string): Promise<OpenApiConformance> {
    return new OpenApiConformance((await rest(restUrl, "GET", "/openapi.json")).body as Document);
  }

  /** Undefined when the answer is as documented; otherwise what differs. */
  problemWith(method: string, url: string, status: number, body: unknown): string | undefined {
    const path = new URL(url, "http://x").pathname;
    const template = Object.keys(this.document.paths).find((candidate) => matches(candidate, path));
    const operation =
      template === undefined ? undefined : this.document.paths[template]?.[method.toLowerCase()];
    if (!operation) return `${method} ${path} is not in the document`;
    const response = operation.responses[String(status)];
    if (!response) return `${method} ${template} does not document ${status}`;
    const schema = response.content?.["application/json"]?.schema;
    if (!schema) return body === undefined ? undefined : `${method} ${template} ${status} documents no body`;
    if (this.ajv.validate(schema, body)) return undefined;
    return `${method} ${template} ${status}: ${this.ajv.errorsText()}`;
  }
}

/** Whether a path fits a template such as `/connectors/{name}/status`; a parameter is one path segment. */
function matches(template: string, path: string): boolean {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${pattern}$`).test(path);
}
