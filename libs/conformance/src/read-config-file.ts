import { readFile } from "node:fs/promises";
import type { ConfigMap } from "./conformance-options.js";

/**
 * Reads a connector config from a JSON file: one object whose values are strings (numbers and booleans are
 * accepted and turned into the strings a config carries). Throws an Error naming the file and the problem.
 */
export async function readConfigFile(path: string, signal: AbortSignal): Promise<ConfigMap> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, { encoding: "utf8", signal }));
  } catch (error) {
    if (signal.aborted) throw error;
    throw new Error(
      `cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the config file ${path} must hold one JSON object of config keys and values`);
  }
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      const kind = value === null ? "null" : Array.isArray(value) ? "an array" : "an object";
      throw new Error(`the config file ${path} gives "${key}" ${kind}; config values are strings`);
    }
    config[key] = String(value);
  }
  return config;
}
