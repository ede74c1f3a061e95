import type { ClusterStores } from "@connect-mesh/cluster-state";
import type { FastifyInstance } from "fastify";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { findConnector, pluginKindOf } from "./connector-lookup.js";
import { connectorStatusBody } from "./connector-status-body.js";
import { RestError, rebalanceInProgress } from "./rest-error.js";
import {
  connectorNameParams,
  connectorNotFoundResponse,
  connectorStatus,
  emptyResponse,
  errorResponse,
  rebalanceResponse,
  responses,
  taskParams,
} from "./rest-schemas.js";

/** What the restart routes need. */
export interface RestartRoutesDeps {
  readonly state: ClusterStores;
  readonly catalog: PluginCatalogWatcher;
}

const restartQuerySchema = {
  type: "object",
  properties: {
    includeTasks: { type: "boolean", default: false },
    onlyFailed: { type: "boolean", default: false },
  },
} as const;

/**
 * Kafka Connect's restarts. `POST /connectors/{name}/restart` with neither flag restarts the connector
 * (here: plans its tasks again) and answers 204; with `includeTasks` and/or `onlyFailed` it answers 202
 * with the status, the restarted connector and tasks shown as RESTARTING. A task restart answers 204.
 * Workers restart their tasks as soon as they see the request in etcd. While tasks are moving between
 * workers, restarts answer 409, as Connect's do during a rebalance.
 */
export function registerRestartRoutes(app: FastifyInstance, deps: RestartRoutesDeps): void {
  const { state } = deps;

  app.post<{ Params: { name: string }; Querystring: { includeTasks: boolean; onlyFailed: boolean } }>(
    "/connectors/:name/restart",
    {
      schema: {
        params: connectorNameParams,
        querystring: restartQuerySchema,
        response: responses({
          202: {
            description:
              "With includeTasks or onlyFailed: the status, with what restarts shown as RESTARTING",
            ...connectorStatus,
          },
          204: emptyResponse("Without includeTasks and onlyFailed: the connector restarts"),
          400: errorResponse("includeTasks or onlyFailed is not a boolean"),
          404: connectorNotFoundResponse,
          409: rebalanceResponse,
        }),
      },
    },
    async (request, reply) => {
      const { includeTasks, onlyFailed } = request.query;
      const connector = await findConnector(state, request.params.name);
      if (await state.assignments.isRebalancing()) throw rebalanceInProgress();
      if (!includeTasks && !onlyFailed) {
        await state.connectors.requestRestart(connector.name, { connector: true, tasks: [] });
        return reply.status(204).send();
      }
      const statuses = await state.statuses.readStatuses(connector.name);
      const restartConnector = !onlyFailed || statuses.connector?.state === "FAILED";
      const taskCount = connector.taskConfigs?.tasks.length ?? 0;
      const tasks = includeTasks
        ? Array.from({ length: taskCount }, (_, task) => task).filter(
            (task) => !onlyFailed || isFailing(statuses.tasks.get(task)?.state),
          )
        : [];
      await state.connectors.requestRestart(connector.name, { connector: restartConnector, tasks });
      const body = connectorStatusBody(
        connector,
        statuses,
        await state.assignments.readAssignments(),
        (await pluginKindOf(connector, deps.catalog)) ?? "unknown",
      );
      return reply.status(202).send({
        ...body,
        connector: restartConnector ? { ...body.connector, state: "RESTARTING" } : body.connector,
        tasks: body.tasks.map((t) => (tasks.includes(t.id) ? { ...t, state: "RESTARTING" } : t)),
      });
    },
  );

  app.post<{ Params: { name: string; task: string } }>(
    "/connectors/:name/tasks/:task/restart",
    {
      schema: {
        params: taskParams,
        response: responses({
          204: emptyResponse("The task restarts"),
          404: errorResponse("No connector has this name, or it has no such task"),
          409: rebalanceResponse,
        }),
      },
    },
    async (request, reply) => {
      const connector = await findConnector(state, request.params.name);
      if (await state.assignments.isRebalancing()) throw rebalanceInProgress();
      const task = Number(request.params.task);
      if (!Number.isInteger(task) || task < 0 || task >= (connector.taskConfigs?.tasks.length ?? 0)) {
        throw new RestError(404, `Task ${request.params.task} of connector ${connector.name} not found`);
      }
      await state.connectors.requestRestart(connector.name, { connector: false, tasks: [task] });
      return reply.status(204).send();
    },
  );
}

/** `onlyFailed` picks FAILED tasks and, beyond Connect, tasks restarting themselves after a failure. */
function isFailing(state: string | undefined): boolean {
  return state === "FAILED" || state === "RESTARTING";
}
