import { type ConnectorServiceSettings, connectorServiceSettingsFromEnv } from "@connect-mesh/connector-sdk";

/**
 * The search connector service's settings from the environment; the only module that reads it: every
 * connector service's variables (see `connectorServiceSettingsFromEnv`), with CONNECT_MESH_SEARCH_CONNECTOR_PORT
 * and CONNECT_MESH_SEARCH_CONNECTOR_HOST for the gRPC server. A bad value throws, naming the variable.
 */
export function searchServiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorServiceSettings {
  return connectorServiceSettingsFromEnv(env, {
    service: "connector-search",
    variablePrefix: "CONNECT_MESH_SEARCH_CONNECTOR",
    instancePrefix: "search",
  });
}
