import { CommandError } from "./command-error.js";
import type { RestClient } from "./rest-client.js";

/** A connector's dead-letter queue, as its config through the REST API names it. */
export interface DeadLetterTarget {
  readonly connector: string;
  /** "source" or "sink", as GET /connectors/{name} answers. */
  readonly type: string;
  readonly topic: string;
}

/**
 * The connector's type and dead-letter queue topic (`errors.deadletterqueue.topic.name`); a CommandError
 * when the connector names none.
 */
export async function deadLetterTargetOf(rest: RestClient, connector: string): Promise<DeadLetterTarget> {
  const { body } = await rest.call("GET", `/connectors/${encodeURIComponent(connector)}`);
  const info = body as { type?: unknown; config?: Record<string, unknown> } | undefined;
  const topic = info?.config?.["errors.deadletterqueue.topic.name"];
  if (typeof topic !== "string" || topic === "") {
    throw new CommandError(
      `connector "${connector}" has no dead-letter queue (errors.deadletterqueue.topic.name is not set)`,
    );
  }
  return { connector, type: typeof info?.type === "string" ? info.type : "unknown", topic };
}
