import { type ConnectorServiceSettings, connectorServiceSettingsFromEnv } from "@connect-mesh/connector-sdk";

/**
 * The JDBC connector service's settings from the environment; the only module that reads it: every
 * connector service's variables (see `connectorServiceSettingsFromEnv`), with CONNECT_MESH_JDBC_CONNECTOR_PORT
 * and CONNECT_MESH_JDBC_CONNECTOR_HOST for the gRPC server. A bad value throws, naming the variable.
 */
export function jdbcServiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorServiceSettings {
  return connectorServiceSettingsFromEnv(env, {
    service: "connector-jdbc",
    variablePrefix: "CONNECT_MESH_JDBC_CONNECTOR",
    instancePrefix: "jdbc",
  });
}
