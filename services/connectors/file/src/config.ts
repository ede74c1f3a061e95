import { resolve } from "node:path";
import {
  type ConnectorServiceSettings,
  connectorServiceSettingsFromEnv,
  nonEmptyVariable,
} from "@connect-mesh/connector-sdk";

/** The file connector service's settings. */
export interface FileServiceConfig extends ConnectorServiceSettings {
  /** The directory a relative `file` in a connector config resolves against. */
  readonly baseDir: string;
}

/**
 * The settings from the environment; the only module that reads it: every connector service's variables
 * (see `connectorServiceSettingsFromEnv`), with CONNECT_MESH_FILE_CONNECTOR_PORT and
 * CONNECT_MESH_FILE_CONNECTOR_HOST for the gRPC server, and CONNECT_MESH_BASE_DIR (the directory `cmesh up`
 * ran in; default the working directory). A bad value throws, naming the variable.
 */
export function fileServiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FileServiceConfig {
  return {
    ...connectorServiceSettingsFromEnv(env, {
      service: "connector-file",
      variablePrefix: "CONNECT_MESH_FILE_CONNECTOR",
      instancePrefix: "file",
    }),
    baseDir: resolve(nonEmptyVariable(env.CONNECT_MESH_BASE_DIR) ?? process.cwd()),
  };
}
