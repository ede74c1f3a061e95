import type { ClusterStores, TargetState } from "@connect-mesh/cluster-state";
import type { FastifyInstance } from "fastify";
import { connectorNotFound } from "./rest-error.js";
import { connectorNameParams, connectorNotFoundResponse, emptyResponse, responses } from "./rest-schemas.js";

type NameParams = { name: string };

/**
 * Kafka Connect's pause, resume and stop. Pause and resume answer 202, since the workers act on them
 * asynchronously; stop answers 204 and frees the connector's tasks (its task configs are dropped, so its
 * offsets can be changed safely), as in Connect.
 */
export function registerTargetStateRoutes(app: FastifyInstance, state: ClusterStores): void {
  const route = (path: string, targetState: TargetState, statusCode: 202 | 204) =>
    app.put<{ Params: NameParams }>(
      `/connectors/:name/${path}`,
      {
        schema: {
          params: connectorNameParams,
          response: responses({
            [statusCode]: emptyResponse(`The connector's target state is now ${targetState}`),
            404: connectorNotFoundResponse,
          }),
        },
      },
      async (request, reply) => {
        if (!(await state.connectors.setTargetState(request.params.name, targetState)))
          throw connectorNotFound(request.params.name);
        return reply.status(statusCode).send();
      },
    );
  route("pause", "PAUSED", 202);
  route("resume", "RUNNING", 202);
  route("stop", "STOPPED", 204);
}
