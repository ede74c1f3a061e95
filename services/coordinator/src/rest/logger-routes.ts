import type { LoggerLevelStore } from "@connect-mesh/cluster-state";
import { type LoggerLevel, type NamedLoggers, parseLogLevel } from "@connect-mesh/logging";
import type { FastifyInstance } from "fastify";
import { RestError } from "./rest-error.js";
import { emptyResponse, errorResponse, loggerLevel, responses } from "./rest-schemas.js";

/** What the logger routes need: this process's loggers, and the store of the cluster-wide levels. */
export interface LoggerRoutesDeps {
  readonly loggers: NamedLoggers;
  readonly levels: Pick<LoggerLevelStore, "writeClusterLoggerLevel">;
}

type LoggerParams = { logger: string };

const loggerParams = {
  type: "object",
  required: ["logger"],
  properties: {
    logger: {
      type: "string",
      description: "A logger's dotted name, e.g. coordinator.rest; root for all",
      examples: ["coordinator.rest"],
    },
  },
} as const;

const setLevelBody = {
  type: "object",
  required: ["level"],
  properties: {
    level: { type: "string", description: "OFF, FATAL, ERROR, WARN, INFO, DEBUG or TRACE, in any case" },
  },
  examples: [{ level: "DEBUG" }],
} as const;

const scopeQuery = {
  type: "object",
  properties: {
    scope: {
      type: "string",
      default: "worker",
      examples: ["cluster"],
      description:
        "worker: this instance only; cluster: every coordinator and worker. Anything else reads as worker, as in Connect",
    },
  },
} as const;

/**
 * Kafka Connect's `/admin/loggers` (KIP-495), with KIP-976's cluster scope. The worker scope changes this
 * process's loggers at once and answers 200 with the loggers whose level changed; the cluster scope stores
 * the level in etcd, every coordinator and worker applies it as it sees it, and the answer is 204.
 */
export function registerLoggerRoutes(app: FastifyInstance, deps: LoggerRoutesDeps): void {
  const { loggers } = deps;

  app.get(
    "/admin/loggers",
    {
      schema: {
        response: responses({
          200: {
            description:
              "This instance's loggers and their levels by name; loggers that are OFF are left out",
            type: "object",
            additionalProperties: loggerLevel,
          },
        }),
      },
    },
    async () => Object.fromEntries([...loggers.levels()].map(([name, level]) => [name, levelBody(level)])),
  );

  app.get<{ Params: LoggerParams }>(
    "/admin/loggers/:logger",
    {
      schema: {
        params: loggerParams,
        response: responses({
          200: { description: "The logger's level, its own or the one it follows", ...loggerLevel },
          404: errorResponse("This instance has no logger of this name"),
        }),
      },
    },
    async (request) => {
      const level = loggers.level(request.params.logger);
      if (!level) throw new RestError(404, `Logger ${request.params.logger} not found.`);
      return levelBody(level);
    },
  );

  app.put<{ Params: LoggerParams; Body: { level: string }; Querystring: { scope: string } }>(
    "/admin/loggers/:logger",
    {
      schema: {
        params: loggerParams,
        querystring: scopeQuery,
        body: setLevelBody,
        response: responses({
          200: {
            description: "Worker scope: the loggers whose level changed, in name order",
            type: "array",
            items: { type: "string" },
          },
          204: emptyResponse("Cluster scope: stored; every coordinator and worker applies it shortly"),
          400: errorResponse("The body has no level"),
          404: errorResponse("The level is not one of Connect's (Connect answers 404 here too)"),
        }),
      },
    },
    async (request, reply) => {
      const { logger } = request.params;
      const level = parseLogLevel(request.body.level);
      if (!level) throw new RestError(404, `invalid log level '${request.body.level}'.`);
      if (request.query.scope.toLowerCase() === "cluster") {
        await deps.levels.writeClusterLoggerLevel(logger, level);
        return reply.status(204).send();
      }
      if (request.query.scope.toLowerCase() !== "worker") {
        request.log.warn(
          { scope: request.query.scope },
          "unknown logger level scope; setting the level on this instance only, as Connect does",
        );
      }
      return loggers.setLevel(logger, level);
    },
  );
}

/** Connect's LoggerLevel body. */
function levelBody(level: LoggerLevel) {
  return { level: level.level, last_modified: level.lastModifiedMs ?? null };
}
