import { type ConfigInfosBody, readConfigInfos } from "./connect-bodies.js";
import { readConnectorConfigFile } from "./connector-config-file.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";
import { formatTable } from "./table.js";

/**
 * `cmesh validate <file.json>`: PUT /connector-plugins/{connector.class}/config/validate with the file's
 * config. Connect answers 200 even for an invalid config, so the exit code comes from `error_count`:
 * 1 if there are errors, 0 if none.
 */
export async function validateConfigFile(client: RestClient, file: string, output: Output): Promise<number> {
  const { config, plugin } = await readConnectorConfigFile(file);
  const path = `/connector-plugins/${encodeURIComponent(plugin)}/config/validate`;
  const { body } = await client.call("PUT", path, config);
  const infos = readConfigInfos(body, `PUT ${client.baseUrl}${path}`);
  for (const line of formatValidation(infos)) output.result(line);
  return infos.error_count > 0 ? 1 : 0;
}

/** The validation result: a line with the plugin and `error_count`, then a KEY / ERROR table of each error. */
export function formatValidation(infos: ConfigInfosBody): string[] {
  if (infos.error_count === 0) return [`${infos.name}: the config is valid (error_count 0)`];
  const rows = infos.configs.flatMap(({ value }) =>
    // The key is named once, on its first error, so a key with several errors reads as one block.
    value.errors.map((error, index) => [index === 0 ? value.name : "", error]),
  );
  return [`${infos.name}: error_count ${infos.error_count}`, ...formatTable([["KEY", "ERROR"], ...rows])];
}
