import type { ClusterState } from "@connect-mesh/cluster-state";
import type { FastifyInstance } from "fastify";
import { findConnector } from "./connector-lookup.js";
import { RestError } from "./rest-error.js";

/** What the topics routes need. */
export interface TopicsRoutesDeps {
  readonly state: ClusterState;
  /** Connect's `topic.tracking.enable` and `topic.tracking.allow.reset`. */
  readonly tracking: { readonly enabled: boolean; readonly allowReset: boolean };
}

type NameParams = { name: string };

/**
 * Kafka Connect's active topics (KIP-558): the topics a connector's tasks produced to or consumed from
 * since it was created or its topics were last reset, as recorded by the workers.
 */
export function registerTopicsRoutes(app: FastifyInstance, deps: TopicsRoutesDeps): void {
  const { state, tracking } = deps;

  app.get<{ Params: NameParams }>("/connectors/:name/topics", async (request) => {
    if (!tracking.enabled) throw new RestError(403, "Topic tracking is disabled.");
    const connector = await findConnector(state, request.params.name);
    return { [connector.name]: { topics: await state.readActiveTopics(connector.name) } };
  });

  app.put<{ Params: NameParams }>("/connectors/:name/topics/reset", async (request, reply) => {
    if (!tracking.enabled) throw new RestError(403, "Topic tracking is disabled.");
    if (!tracking.allowReset) throw new RestError(403, "Topic tracking reset is disabled.");
    const connector = await findConnector(state, request.params.name);
    await state.resetActiveTopics(connector.name);
    return reply.status(202).send();
  });
}
