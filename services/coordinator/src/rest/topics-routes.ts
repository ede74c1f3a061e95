import type { ClusterStores } from "@connect-mesh/cluster-state";
import type { FastifyInstance } from "fastify";
import { findConnector } from "./connector-lookup.js";
import { RestError } from "./rest-error.js";
import {
  connectorNameParams,
  connectorNotFoundResponse,
  emptyResponse,
  errorResponse,
  responses,
} from "./rest-schemas.js";

/** What the topics routes need. */
export interface TopicsRoutesDeps {
  readonly state: ClusterStores;
  /** Connect's `topic.tracking.enable` and `topic.tracking.allow.reset`. */
  readonly tracking: { readonly enabled: boolean; readonly allowReset: boolean };
}

type NameParams = { name: string };

/** `{<connector>: {topics: [...]}}`: keyed by the connector's name, so any key is allowed. */
const activeTopicsBody = {
  type: "object",
  additionalProperties: {
    type: "object",
    required: ["topics"],
    properties: { topics: { type: "array", items: { type: "string" } } },
  },
} as const;

const trackingOffResponse = errorResponse("Topic tracking (or its reset) is disabled on this cluster");

/**
 * Kafka Connect's active topics (KIP-558): the topics a connector's tasks produced to or consumed from
 * since it was created or its topics were last reset, as recorded by the workers.
 */
export function registerTopicsRoutes(app: FastifyInstance, deps: TopicsRoutesDeps): void {
  const { state, tracking } = deps;

  app.get<{ Params: NameParams }>(
    "/connectors/:name/topics",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: {
            description: "The topics the connector used since it was created or last reset",
            ...activeTopicsBody,
          },
          403: trackingOffResponse,
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request) => {
      if (!tracking.enabled) throw new RestError(403, "Topic tracking is disabled.");
      const connector = await findConnector(state, request.params.name);
      return { [connector.name]: { topics: await state.activeTopics.readActiveTopics(connector.name) } };
    },
  );

  app.put<{ Params: NameParams }>(
    "/connectors/:name/topics/reset",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          202: emptyResponse("The connector's active topics are forgotten"),
          403: trackingOffResponse,
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request, reply) => {
      if (!tracking.enabled) throw new RestError(403, "Topic tracking is disabled.");
      if (!tracking.allowReset) throw new RestError(403, "Topic tracking reset is disabled.");
      const connector = await findConnector(state, request.params.name);
      await state.activeTopics.resetActiveTopics(connector.name);
      return reply.status(202).send();
    },
  );
}
