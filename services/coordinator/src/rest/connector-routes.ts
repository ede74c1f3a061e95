import type {
  ClusterStores,
  ConnectorConfig,
  StoredConnector,
  TargetState,
} from "@connect-mesh/cluster-state";
import type { FastifyInstance } from "fastify";
import type { ConnectorServices } from "../connector-services.js";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { invalidConfigError, validateConnectorConfig } from "../validate-connector-config.js";
import { findConnector, pluginKindOf } from "./connector-lookup.js";
import { connectorStatusBody } from "./connector-status-body.js";
import { connectorNotFound, RestError } from "./rest-error.js";
import {
  connectorConfig,
  connectorInfo as connectorInfoSchema,
  connectorNameParams,
  connectorNotFoundResponse,
  connectorStatus,
  emptyResponse,
  errorResponse,
  responses,
  taskParams,
  taskStatus,
} from "./rest-schemas.js";

/** What the connector routes need from the rest of the coordinator. */
export interface ConnectorRoutesDeps {
  readonly state: ClusterStores;
  readonly catalog: PluginCatalogWatcher;
  readonly services: ConnectorServices;
}

// Connect's config values are strings; like Connect (through Jackson) we accept numbers and booleans and
// store them as their text, so `"tasks.max": 2` works as users expect.
const configSchema = {
  type: "object",
  additionalProperties: { type: ["string", "number", "boolean"] },
} as const;

// Kafka Connect's file quickstart, as the document's examples.
const quickstartSource = { "connector.class": "FileStreamSource", file: "input.txt", topic: "file-topic" };
const quickstartSink = { "connector.class": "FileStreamSink", file: "output.txt", topics: "file-topic" };

const createBodySchema = {
  type: "object",
  required: ["name", "config"],
  properties: {
    name: { type: "string", minLength: 1 },
    config: configSchema,
    initial_state: { type: "string", enum: ["RUNNING", "PAUSED", "STOPPED"] },
  },
  examples: [{ name: "file-source", config: quickstartSource }],
} as const;

interface CreateBody {
  name: string;
  config: Record<string, string | number | boolean>;
  initial_state?: TargetState;
}

type NameParams = { name: string };

const expandSchema = {
  type: "object",
  properties: {
    expand: {
      anyOf: [
        { type: "string", enum: ["status", "info"] },
        { type: "array", items: { type: "string", enum: ["status", "info"] } },
      ],
    },
  },
} as const;

const patchSchema = {
  type: "object",
  additionalProperties: { type: ["string", "number", "boolean", "null"] },
  examples: [{ "tasks.max": "2", "topics.regex": null }],
} as const;

/** `?expand=status&expand=info`: per connector, what was asked for. */
const expandedConnectors = {
  type: "object",
  additionalProperties: {
    type: "object",
    properties: { status: connectorStatus, info: connectorInfoSchema },
  },
} as const;

const invalidConfigResponse = errorResponse(
  "The config is invalid (the message lists every error, as Connect's does), or its name differs from the connector's",
);

/** Kafka Connect's `/connectors` endpoints: create, list, read, replace the config, status, tasks, delete. */
export function registerConnectorRoutes(app: FastifyInstance, deps: ConnectorRoutesDeps): void {
  const { state } = deps;

  app.get<{ Querystring: { expand?: string | string[] } }>(
    "/connectors",
    {
      schema: {
        querystring: expandSchema,
        response: responses({
          200: {
            description:
              "The connectors' names, or with ?expand, each connector's status and/or info by name",
            anyOf: [{ type: "array", items: { type: "string" } }, expandedConnectors],
          },
          400: errorResponse("An unknown ?expand value"),
        }),
      },
    },
    async (request) => {
      const { connectors } = await state.connectors.listConnectors();
      const names = [...connectors.keys()].sort();
      const expand = new Set([request.query.expand ?? []].flat());
      if (!expand.has("status") && !expand.has("info")) return names;
      // Connect's ?expand=status&expand=info: one object per connector with what was asked for.
      const assignments = expand.has("status") ? await state.assignments.readAssignments() : new Map();
      const expanded: Record<string, { status?: unknown; info?: unknown }> = {};
      for (const name of names) {
        const connector = connectors.get(name);
        if (!connector) continue;
        expanded[name] = {
          ...(expand.has("status")
            ? {
                status: connectorStatusBody(
                  connector,
                  await state.statuses.readStatuses(name),
                  assignments,
                  await kindOf(connector, deps),
                ),
              }
            : {}),
          ...(expand.has("info") ? { info: await connectorInfo(connector, deps) } : {}),
        };
      }
      return expanded;
    },
  );

  app.post<{ Body: CreateBody }>(
    "/connectors",
    {
      schema: {
        body: createBodySchema,
        response: responses({
          201: { description: "Created; Location names the new connector", ...connectorInfoSchema },
          400: invalidConfigResponse,
          409: errorResponse("A connector of this name exists already"),
        }),
      },
    },
    async (request, reply) => {
      const { name } = request.body;
      const config = withName(name, request.body.config);
      const kind = await validateOrThrow(config, deps);
      if (!(await state.connectors.createConnector(name, config, request.body.initial_state ?? "RUNNING"))) {
        throw new RestError(409, `Connector ${name} already exists`);
      }
      return reply
        .status(201)
        .header("Location", `/connectors/${encodeURIComponent(name)}`)
        .send({ name, config, tasks: [], type: kind });
    },
  );

  app.get<{ Params: NameParams }>(
    "/connectors/:name",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: { description: "The connector", ...connectorInfoSchema },
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request) => connectorInfo(await findConnector(state, request.params.name), deps),
  );

  app.get<{ Params: NameParams }>(
    "/connectors/:name/config",
    {
      schema: {
        params: connectorNameParams,
        response: responses({ 200: connectorConfig, 404: connectorNotFoundResponse }),
      },
    },
    async (request) => (await findConnector(state, request.params.name)).config,
  );

  app.put<{ Params: NameParams; Body: Record<string, string | number | boolean> }>(
    "/connectors/:name/config",
    {
      schema: {
        params: connectorNameParams,
        body: { ...configSchema, examples: [quickstartSink] },
        response: responses({
          200: { description: "Replaced", ...connectorInfoSchema },
          201: { description: "Created", ...connectorInfoSchema },
          400: invalidConfigResponse,
        }),
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const config = withName(name, request.body);
      await validateOrThrow(config, deps);
      const { created } = await state.connectors.putConnectorConfig(name, config);
      const stored = await findConnector(state, name);
      return reply.status(created ? 201 : 200).send(await connectorInfo(stored, deps));
    },
  );

  app.patch<{ Params: NameParams; Body: Record<string, string | number | boolean | null> }>(
    "/connectors/:name/config",
    {
      schema: {
        params: connectorNameParams,
        body: patchSchema,
        response: responses({
          200: { description: "Merged into the stored config", ...connectorInfoSchema },
          400: invalidConfigResponse,
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request) => {
      const { name } = request.params;
      const existing = await findConnector(state, name);
      // Connect's PATCH: the body's keys replace the stored ones, and a null removes the key.
      const merged: Record<string, string | number | boolean> = { ...existing.config };
      for (const [key, value] of Object.entries(request.body)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      const config = withName(name, merged);
      await validateOrThrow(config, deps);
      await state.connectors.putConnectorConfig(name, config);
      return connectorInfo(await findConnector(state, name), deps);
    },
  );

  app.get<{ Params: NameParams & { task: string } }>(
    "/connectors/:name/tasks/:task/status",
    {
      schema: {
        params: taskParams,
        response: responses({
          200: { description: "The task's status", ...taskStatus },
          404: errorResponse("No connector has this name, or it has no such task"),
        }),
      },
    },
    async (request) => {
      const connector = await findConnector(state, request.params.name);
      const status = await currentStatus(connector, deps);
      const task = status.tasks.find((t) => String(t.id) === request.params.task);
      if (!task)
        throw new RestError(404, `Task ${request.params.task} of connector ${connector.name} not found`);
      return task;
    },
  );

  app.get<{ Params: NameParams }>(
    "/connectors/:name/status",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: { description: "The connector's and its tasks' states", ...connectorStatus },
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request) => currentStatus(await findConnector(state, request.params.name), deps),
  );

  app.get<{ Params: NameParams }>(
    "/connectors/:name/tasks",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: {
            description: "The planned tasks and their configs; none while STOPPED",
            type: "array",
            items: {
              type: "object",
              required: ["id", "config"],
              properties: { id: connectorInfoSchema.properties.tasks.items, config: connectorConfig },
            },
          },
          404: connectorNotFoundResponse,
        }),
      },
    },
    async (request) => {
      const connector = await findConnector(state, request.params.name);
      return (connector.taskConfigs?.tasks ?? []).map((config, task) => ({
        id: { connector: connector.name, task },
        config,
      }));
    },
  );

  app.delete<{ Params: NameParams }>(
    "/connectors/:name",
    {
      schema: {
        params: connectorNameParams,
        response: responses({ 204: emptyResponse("Deleted"), 404: connectorNotFoundResponse }),
      },
    },
    async (request, reply) => {
      if (!(await state.connectors.deleteConnector(request.params.name)))
        throw connectorNotFound(request.params.name);
      return reply.status(204).send();
    },
  );
}

/** Connect puts the connector's name into its config; a different name in the body is a mistake. */
function withName(name: string, body: Record<string, string | number | boolean>): ConnectorConfig {
  const config = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
  if (config.name !== undefined && config.name !== name) {
    throw new RestError(
      400,
      `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`,
    );
  }
  return { ...config, name };
}

async function validateOrThrow(
  config: ConnectorConfig,
  deps: ConnectorRoutesDeps,
): Promise<"source" | "sink"> {
  const verdict = await validateConnectorConfig(config, await deps.catalog.current(), deps.services);
  if (verdict.errors.length > 0) throw invalidConfigError(verdict);
  return verdict.kind;
}

/** A connector's status as `GET /connectors/{name}/status` shows it, read fresh from the cluster state. */
async function currentStatus(connector: StoredConnector, deps: ConnectorRoutesDeps) {
  return connectorStatusBody(
    connector,
    await deps.state.statuses.readStatuses(connector.name),
    await deps.state.assignments.readAssignments(),
    await kindOf(connector, deps),
  );
}

/** Connect's ConnectorInfo: name, config, task ids and type. */
async function connectorInfo(connector: StoredConnector, deps: ConnectorRoutesDeps) {
  return {
    name: connector.name,
    config: connector.config,
    tasks: (connector.taskConfigs?.tasks ?? []).map((_, task) => ({ connector: connector.name, task })),
    type: await kindOf(connector, deps),
  };
}

/** "source" or "sink" from the plugin; "unknown" (as Connect says) while no service hosts it. */
async function kindOf(connector: StoredConnector, deps: ConnectorRoutesDeps): Promise<string> {
  return (await pluginKindOf(connector, deps.catalog)) ?? "unknown";
}
