import { RunState } from "@connect-mesh/cluster-state";
import { LOG_LEVELS } from "@connect-mesh/logging";

/**
 * The JSON schemas the REST routes share: path parameters and Kafka Connect's response bodies. Fastify
 * validates requests and serializes responses with them, and `/openapi.json` is generated from them, so
 * the document cannot drift from what the API does. A response field missing here is dropped by the
 * serializer, so every map-like object (configs, offsets) says `additionalProperties`.
 */

/** `{name}` in the connector routes. */
export const connectorNameParams = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", description: "The connector's name", examples: ["file-source"] } },
} as const;

/** `{name}` and `{task}` in the task routes; a task that is not a number is not found, as in Connect. */
export const taskParams = {
  type: "object",
  required: ["name", "task"],
  properties: {
    name: connectorNameParams.properties.name,
    task: { type: "string", description: "The task's number, from 0", examples: ["0"] },
  },
} as const;

/** Connect's error body. */
const errorBody = {
  type: "object",
  required: ["error_code", "message"],
  properties: {
    error_code: { type: "integer", description: "The HTTP status again" },
    message: { type: "string", description: "What went wrong and, where it can say, what to do" },
  },
} as const;

/** An error answer with Connect's body; `description` says when it happens. */
export function errorResponse(description: string) {
  return { description, ...errorBody };
}

/** An answer with no body (Connect's 202 and 204s). */
export function emptyResponse(description: string) {
  return { description, type: "null" } as const;
}

/**
 * A route's answers by status code, plus the 500 every route can give when etcd, Kafka or a connector
 * service fails underneath it.
 */
export function responses<T extends Record<number, object>>(answers: T) {
  return {
    ...answers,
    500: errorResponse("An unexpected failure, such as etcd or Kafka out of reach; the message says which"),
  };
}

/** The 404 of every route that names a connector. */
export const connectorNotFoundResponse = errorResponse("No connector has this name");

/** The 409 of routes refused while tasks move between workers (Connect's answer during a rebalance). */
export const rebalanceResponse = errorResponse(
  "A rebalance is under way (tasks are moving between workers); try again in a moment",
);

/** A stored connector config: Connect's flat map of string keys to string values. */
export const connectorConfig = {
  type: "object",
  additionalProperties: { type: "string" },
  description: "The connector's config, every value a string",
} as const;

const connectorType = {
  type: "string",
  enum: ["source", "sink", "unknown"],
  description: "From the plugin; unknown while no registered service hosts it",
} as const;

/** Connect's ConnectorInfo. */
export const connectorInfo = {
  type: "object",
  required: ["name", "config", "tasks", "type"],
  properties: {
    name: { type: "string" },
    config: connectorConfig,
    tasks: {
      type: "array",
      items: {
        type: "object",
        required: ["connector", "task"],
        properties: { connector: { type: "string" }, task: { type: "integer", minimum: 0 } },
      },
    },
    type: connectorType,
  },
} as const;

const runState = {
  type: "string",
  enum: RunState.options,
} as const;

const stateProperties = {
  state: runState,
  worker_id: { type: "string", description: "Who reported it; empty while nobody has" },
  trace: { type: "string", description: "What went wrong; only when FAILED or retrying" },
} as const;

/** One task's status. */
export const taskStatus = {
  type: "object",
  required: ["id", "state", "worker_id"],
  properties: { id: { type: "integer", minimum: 0 }, ...stateProperties },
} as const;

/** Connect's status body for a connector and its tasks. */
export const connectorStatus = {
  type: "object",
  required: ["name", "connector", "tasks", "type"],
  properties: {
    name: { type: "string" },
    connector: { type: "object", required: ["state", "worker_id"], properties: stateProperties },
    tasks: { type: "array", items: taskStatus },
    type: connectorType,
  },
} as const;

/** Connect's ConfigKeyInfo: one config key's definition. */
export const configKeyInfo = {
  type: "object",
  required: [
    "name",
    "type",
    "required",
    "default_value",
    "importance",
    "documentation",
    "group",
    "order",
    "width",
    "display_name",
    "dependents",
  ],
  properties: {
    name: { type: "string" },
    type: { type: "string" },
    required: { type: "boolean" },
    default_value: { type: ["string", "null"] },
    importance: { type: "string" },
    documentation: { type: "string" },
    group: { type: ["string", "null"] },
    order: { type: "integer" },
    width: { type: "string" },
    display_name: { type: "string" },
    dependents: { type: "array", items: { type: "string" } },
  },
} as const;

/** Connect's ConfigInfos, the validate endpoint's answer. */
export const configInfos = {
  type: "object",
  required: ["name", "error_count", "groups", "configs"],
  properties: {
    name: { type: "string", description: "The plugin's class" },
    error_count: { type: "integer", minimum: 0 },
    groups: { type: "array", items: { type: "string" } },
    configs: {
      type: "array",
      items: {
        type: "object",
        required: ["definition", "value"],
        properties: {
          definition: configKeyInfo,
          value: {
            type: "object",
            required: ["name", "value", "recommended_values", "errors", "visible"],
            properties: {
              name: { type: "string" },
              value: { type: ["string", "null"] },
              recommended_values: { type: "array", items: { type: "string" } },
              errors: { type: "array", items: { type: "string" } },
              visible: { type: "boolean" },
            },
          },
        },
      },
    },
  },
} as const;

/** Connect's offsets: a source's own partitions and offsets, or a sink's Kafka topic partitions. */
export const connectorOffsets = {
  type: "object",
  required: ["offsets"],
  properties: {
    offsets: {
      type: "array",
      items: {
        type: "object",
        required: ["partition", "offset"],
        properties: {
          partition: { type: "object", additionalProperties: true },
          offset: { type: ["object", "null"], additionalProperties: true },
        },
      },
    },
  },
} as const;

/** A body that is only a message, as the offsets changes answer. */
export const messageBody = {
  type: "object",
  required: ["message"],
  properties: { message: { type: "string" } },
} as const;

/** Connect's LoggerLevel. */
export const loggerLevel = {
  type: "object",
  required: ["level", "last_modified"],
  properties: {
    level: { type: "string", enum: LOG_LEVELS },
    last_modified: {
      type: ["integer", "null"],
      description: "When the level was last set through this API (epoch ms); null if never",
    },
  },
} as const;
