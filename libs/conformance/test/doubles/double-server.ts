// A connector service written directly on @grpc/grpc-js with the generated service definitions, not the
// SDK (which enforces the contract and so cannot break it). ConnectorService and health are correct here;
// each double breaks one stream rule in the Read or Write handler it passes in.
import {
  ConfigImportance,
  ConfigType,
  type ConnectorServiceServer,
  ConnectorServiceService,
  type Plugin,
  PluginKind,
  type SinkServiceServer,
  SinkServiceService,
  type SourceServiceServer,
  SourceServiceService,
} from "@connect-mesh/proto";
import { Server, ServerCredentials, status } from "@grpc/grpc-js";
import { HealthImplementation } from "grpc-health-check";

/** A running double. */
export interface DoubleServer {
  /** "127.0.0.1:<port>". */
  readonly address: string;
  /** Stops at once, cancelling open calls. */
  stop(): Promise<void>;
}

/** A plugin the doubles describe: a required STRING "topic" and an INT "batch.size" defaulting to 1. */
export function doublePlugin(className: string, kind: PluginKind): Plugin {
  return {
    className,
    aliases: [],
    kind,
    version: "0.0.1",
    description: "A deliberately broken test double",
    readsPackedBatches: false,
    configs: [
      {
        name: "topic",
        type: ConfigType.CONFIG_TYPE_STRING,
        defaultValue: undefined,
        required: true,
        importance: ConfigImportance.CONFIG_IMPORTANCE_HIGH,
        documentation: "Where records go or come from.",
        group: "",
        orderInGroup: 1,
        displayName: "topic",
        dependents: [],
        validators: [{ rule: { $case: "nonEmpty", value: {} } }],
        secret: false,
      },
      {
        name: "batch.size",
        type: ConfigType.CONFIG_TYPE_INT,
        defaultValue: "1",
        required: false,
        importance: ConfigImportance.CONFIG_IMPORTANCE_LOW,
        documentation: "Records per batch.",
        group: "",
        orderInGroup: 2,
        displayName: "batch.size",
        dependents: [],
        validators: [{ rule: { $case: "range", value: { min: 1, max: undefined } } }],
        secret: false,
      },
    ],
  };
}

/** Starts a double hosting `plugin` on a loopback port the system picks. */
export async function startDoubleServer(options: {
  readonly plugin: Plugin;
  readonly source?: SourceServiceServer;
  readonly sink?: SinkServiceServer;
}): Promise<DoubleServer> {
  const server = new Server();
  server.addService(ConnectorServiceService, connectorService(options.plugin));
  if (options.source !== undefined) server.addService(SourceServiceService, options.source);
  if (options.sink !== undefined) server.addService(SinkServiceService, options.sink);
  new HealthImplementation({ "": "SERVING" }).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: async () => {
      server.forceShutdown();
    },
  };
}

/** Describe, Validate (missing required keys, unparsable INTs) and Plan (one task) for one plugin. */
function connectorService(plugin: Plugin): ConnectorServiceServer {
  const isHosted = (name: string): boolean => name === plugin.className;
  const notFound = (name: string) => ({ code: status.NOT_FOUND, details: `no plugin "${name}" here` });
  return {
    describe: (_call, callback) => callback(null, { plugins: [plugin] }),
    validate: (call, callback) => {
      const { plugin: name, config } = call.request;
      if (!isHosted(name)) return callback(notFound(name));
      const values = plugin.configs.map((definition) => {
        const value = config[definition.name];
        const errors: string[] = [];
        if (value === undefined && definition.required)
          errors.push(`Missing required configuration "${definition.name}"`);
        if (value !== undefined && definition.type === ConfigType.CONFIG_TYPE_INT && !/^-?\d+$/.test(value)) {
          errors.push(
            `Invalid value ${value} for configuration ${definition.name}: Not a number of type INT`,
          );
        }
        return { name: definition.name, value, recommendedValues: [], errors, visible: true };
      });
      callback(null, { values });
    },
    plan: (call, callback) => {
      const { plugin: name, config } = call.request;
      if (!isHosted(name)) return callback(notFound(name));
      callback(null, { tasks: [{ config }] });
    },
  };
}

/** The kind for a source double; re-exported so doubles need not import the proto package for it. */
export const SOURCE = PluginKind.PLUGIN_KIND_SOURCE;
/** The kind for a sink double. */
export const SINK = PluginKind.PLUGIN_KIND_SINK;
