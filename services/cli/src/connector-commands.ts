import type { ConnectorCommand } from "./arguments.js";
import { showConnectorStatus } from "./connector-status.js";
import { listConnectors } from "./connectors.js";
import { getOffsets, resetOffsets } from "./offsets.js";
import type { Output } from "./output.js";
import type { RestClient } from "./rest-client.js";
import { restartConnector } from "./restart.js";
import { changeTargetState } from "./target-state.js";
import { validateConfigFile } from "./validate.js";

/**
 * Runs a command that talks to the REST API and returns its exit code. Failures (an error answer, no
 * answer, an unreadable file) are thrown as CommandErrors for main to print.
 */
export async function runConnectorCommand(
  command: ConnectorCommand,
  client: RestClient,
  output: Output,
): Promise<number> {
  switch (command.name) {
    case "connectors":
      return listConnectors(client, output);
    case "connector-status":
      return showConnectorStatus(client, command.connector, output);
    case "pause":
    case "resume":
    case "stop":
      return changeTargetState(client, command.name, command.connector, output);
    case "restart":
      return restartConnector(client, command, output);
    case "offsets":
      return command.action === "get"
        ? getOffsets(client, command.connector, output)
        : resetOffsets(client, command.connector, output);
    case "validate":
      return validateConfigFile(client, command.file, output);
  }
}
