import { CONVERTERS_VERSION } from "@connect-mesh/converters";
import { findTransformPlugin, transformPluginDescriptors } from "@connect-mesh/transforms";
import type { FastifyInstance } from "fastify";
import type { ConnectorServices } from "../connector-services.js";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { validateConnectorConfig } from "../validate-connector-config.js";
import { configKeyInfo, runtimeConfigKeys, transformConfigKeys } from "./config-key-info.js";
import { RestError } from "./rest-error.js";
import {
  configInfos,
  configKeyInfo as configKeyInfoSchema,
  errorResponse,
  responses,
} from "./rest-schemas.js";

/** What the plugin routes need. */
export interface PluginRoutesDeps {
  readonly catalog: PluginCatalogWatcher;
  readonly services: ConnectorServices;
}

/** Connect's converter classes, listed with `connectorsOnly=false` as Connect lists its converters. */
const CONVERTER_CLASSES = [
  "org.apache.kafka.connect.converters.ByteArrayConverter",
  "org.apache.kafka.connect.json.JsonConverter",
  "org.apache.kafka.connect.storage.StringConverter",
];

type PluginParams = { plugin: string };

const pluginParams = {
  type: "object",
  required: ["plugin"],
  properties: {
    plugin: { type: "string", description: "A plugin's class name or alias", examples: ["FileStreamSink"] },
  },
} as const;

const pluginNotFoundResponse = errorResponse(
  "No registered service hosts this plugin; the message lists those that exist",
);

/** `GET /connector-plugins`, `GET /connector-plugins/{plugin}/config` and `PUT .../config/validate`. */
export function registerPluginRoutes(app: FastifyInstance, deps: PluginRoutesDeps): void {
  app.get<{ Querystring: { connectorsOnly?: boolean } }>(
    "/connector-plugins",
    {
      schema: {
        querystring: { type: "object", properties: { connectorsOnly: { type: "boolean", default: true } } },
        response: responses({
          200: {
            description:
              "The connector plugins of the registered services; with connectorsOnly=false, the converters too",
            type: "array",
            items: {
              type: "object",
              required: ["class", "type", "version"],
              properties: {
                class: { type: "string" },
                type: {
                  type: "string",
                  enum: ["source", "sink", "converter", "transformation", "predicate"],
                },
                version: { type: "string" },
              },
            },
          },
          400: errorResponse("connectorsOnly is not a boolean"),
        }),
      },
    },
    async (request) => {
      const connectors = (await deps.catalog.current())
        .list()
        .map(({ plugin }) => ({ class: plugin.className, type: plugin.kind, version: plugin.version }));
      if (request.query.connectorsOnly !== false) return connectors;
      return [
        ...connectors,
        ...CONVERTER_CLASSES.map((name) => ({ class: name, type: "converter", version: CONVERTERS_VERSION })),
        ...transformPluginDescriptors().map((d) => ({
          class: d.className,
          type: d.type,
          version: d.version,
        })),
      ];
    },
  );

  app.get<{ Params: PluginParams }>(
    "/connector-plugins/:plugin/config",
    {
      schema: {
        params: pluginParams,
        response: responses({
          200: {
            description: "The plugin's config keys, after the runtime's common ones",
            type: "array",
            items: configKeyInfoSchema,
          },
          404: pluginNotFoundResponse,
        }),
      },
    },
    async (request) => {
      // A transform or predicate (by class name or alias) lists its own keys, as Connect does.
      const transform = findTransformPlugin(request.params.plugin);
      if (transform !== undefined) return transform.configDefinitions.map(configKeyInfo);
      const { entry, definitions } = await describePlugin(request.params.plugin, deps);
      return [
        ...runtimeConfigKeys(entry.plugin.kind, entry.plugin.version),
        ...definitions.map(configKeyInfo),
      ];
    },
  );

  app.put<{ Params: PluginParams; Body: Record<string, string | number | boolean> }>(
    "/connector-plugins/:plugin/config/validate",
    {
      schema: {
        params: pluginParams,
        body: {
          type: "object",
          additionalProperties: { type: ["string", "number", "boolean"] },
          examples: [{ "connector.class": "FileStreamSink", file: "output.txt", topics: "file-topic" }],
        },
        response: responses({
          200: {
            description: "Every key checked, with its errors; 200 even when there are errors",
            ...configInfos,
          },
          400: errorResponse(
            "The body is not a JSON object of strings, numbers and booleans, or names an unknown connector.class",
          ),
          404: pluginNotFoundResponse,
        }),
      },
    },
    async (request) => {
      const config = Object.fromEntries(Object.entries(request.body).map(([k, v]) => [k, String(v)]));
      const { entry, definitions } = await describePlugin(request.params.plugin, deps);
      const verdict = await validateConnectorConfig(
        { ...config, "connector.class": config["connector.class"] ?? entry.plugin.className },
        await deps.catalog.current(),
        deps.services,
      );
      const pluginValues = new Map(verdict.pluginValues.map((value) => [value.name, value]));
      const configs = [
        ...[
          ...runtimeConfigKeys(entry.plugin.kind, entry.plugin.version),
          ...transformConfigKeys(config),
        ].map((definition) => ({
          definition,
          value: valueInfo(
            definition.name,
            config[definition.name],
            verdict.runtimeErrors.get(definition.name) ?? [],
            [],
          ),
        })),
        ...definitions.map((definition) => {
          const result = pluginValues.get(definition.name);
          // A secret's value is never echoed back, as the contract says.
          const shown = definition.secret ? undefined : config[definition.name];
          return {
            definition: configKeyInfo(definition),
            value: valueInfo(
              definition.name,
              shown,
              result?.errors ?? [],
              result?.recommendedValues ?? [],
              result?.visible,
            ),
          };
        }),
      ];
      return {
        name: entry.plugin.className,
        error_count: configs.reduce((sum, c) => sum + c.value.errors.length, 0),
        groups: [...new Set(configs.map((c) => c.definition.group ?? "Common"))],
        configs,
      };
    },
  );
}

/** Connect's ConfigValueInfo. */
function valueInfo(
  name: string,
  value: string | undefined,
  errors: readonly string[],
  recommended: readonly string[],
  visible = true,
) {
  return { name, value: value ?? null, recommended_values: [...recommended], errors: [...errors], visible };
}

async function describePlugin(name: string, deps: PluginRoutesDeps) {
  const catalog = await deps.catalog.current();
  const entry = catalog.find(name);
  if (!entry) {
    const known = catalog.list().map((e) => e.plugin.className);
    throw new RestError(
      404,
      `Unknown plugin ${name}; the plugins that exist are: ${known.join(", ") || "none"}`,
    );
  }
  const description = await deps.services.describe(entry.plugin.className, entry.addresses);
  const plugin = description.plugins.find((p) => p.className === entry.plugin.className);
  return { entry, definitions: plugin?.configs ?? [] };
}
