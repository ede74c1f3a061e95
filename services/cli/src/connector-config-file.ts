import { readFile } from "node:fs/promises";
import { CommandError } from "./command-error.js";
import { isRecord } from "./connect-bodies.js";

/** A connector config read from a file, and the plugin (its `connector.class`) that validates it. */
export interface ConnectorConfigFile {
  readonly config: Readonly<Record<string, unknown>>;
  readonly plugin: string;
}

/** Reads a connector config file: `{"name":..,"config":{..}}`, as POST /connectors takes, or the bare config. */
export async function readConnectorConfigFile(file: string): Promise<ConnectorConfigFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${messageOf(error)}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CommandError(`${file} is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
  return connectorConfigFrom(json, file);
}

/**
 * The config in a parsed file. A `config` that is an object marks the `{"name","config"}` form (a bare
 * config's values are strings, numbers or booleans). Its `name` goes into the config, as POST /connectors
 * does, so that validation does not report a missing `name` that creating the connector would supply.
 */
export function connectorConfigFrom(json: unknown, file: string): ConnectorConfigFile {
  if (!isRecord(json)) {
    throw new CommandError(
      `${file} must hold a JSON object: {"name": ..., "config": {...}} or the bare config`,
    );
  }
  const config: Record<string, unknown> = isRecord(json.config) ? { ...json.config } : { ...json };
  if (isRecord(json.config) && typeof json.name === "string" && config.name === undefined) {
    config.name = json.name;
  }
  const plugin = config["connector.class"];
  if (typeof plugin !== "string" || plugin === "") {
    throw new CommandError(`${file} has no "connector.class"; it names the plugin that validates the config`);
  }
  return { config, plugin };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
