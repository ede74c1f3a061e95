/** The settings the coordinator and the worker both read from the environment, in one schema. */
export { parseEnv, RuntimeEnv, type RuntimeSettings, runtimeSettingsOf } from "./runtime-env.js";
