/**
 * The runtime's own connector keys, in one place for the coordinator and the worker: their definitions as
 * the REST API lists them, the checks a config must pass before it is stored, and the typed settings a
 * task reads. The `errors.*` keys are @connect-mesh/error-handling's and `transforms` @connect-mesh/transforms's;
 * the definitions and checks here take them in.
 */
export {
  type ConnectorRuntimeSettings,
  type ConverterChoice,
  connectorRuntimeSettingsFrom,
  parseSinkTopics,
  type SinkTopics,
} from "./connector-settings.js";
export {
  type ConnectorKind,
  type RuntimeKeyDefinition,
  runtimeKeyDefinitions,
} from "./runtime-key-definitions.js";
export {
  type ConnectorConfigMap,
  type RuntimeKeyError,
  type RuntimePlugin,
  runtimeKeyErrors,
} from "./runtime-key-errors.js";
