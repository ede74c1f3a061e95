import { runConformanceCli } from "@connect-mesh/conformance";
import { StackError, stackConfigFromEnv } from "@connect-mesh/deploy";
import { KafkaClient } from "@connect-mesh/kafka";
import { type ConnectorCommand, parseCommand, USAGE } from "./arguments.js";
import { CommandError } from "./command-error.js";
import { runConnectorCommand } from "./connector-commands.js";
import { deadLetterTargetOf } from "./dead-letter-target.js";
import { listDeadLetters } from "./dlq-list.js";
import { replayDeadLetters } from "./dlq-replay.js";
import { down } from "./down.js";
import { observeTargetsFrom } from "./observe-targets.js";
import { terminal } from "./output.js";
import { parsePartitionOffset } from "./record-position.js";
import { RestClient } from "./rest-client.js";
import { restUrlFrom } from "./rest-url.js";
import { restartStackComponent, stackComponentTarget, stopStackComponent } from "./stack-components.js";
import { status } from "./status.js";
import { top } from "./top-command.js";
import { type TraceTarget, traceRecord } from "./trace-command.js";
import { up } from "./up.js";
import { UsageError } from "./usage-error.js";

/** Runs one cmesh command and returns the process exit code; every failure ends as one clear line. */
async function main(argv: readonly string[]): Promise<number> {
  // The conformance kit parses its own arguments (a service address and per-plugin config files).
  if (argv[0] === "conformance") return runConformanceCli(argv.slice(1), terminal.result);
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case "help":
        terminal.result(USAGE);
        return 0;
      case "up":
        return await up(stackConfigFromEnv(process.env, command.overrides), terminal, command.demo);
      case "down":
        return await down(stackConfigFromEnv(process.env, command.overrides), terminal);
      case "status":
        return await status(stackConfigFromEnv(process.env, command.overrides), terminal);
      case "trace": {
        const { record } = command;
        const target: TraceTarget =
          record.kind === "dlq"
            ? {
                kind: "dlq",
                position: parsePartitionOffset(
                  record.at,
                  (
                    await deadLetterTargetOf(
                      new RestClient(restUrlFrom(process.env, command.restTarget)),
                      record.connector,
                    )
                  ).topic,
                ),
              }
            : record;
        return await traceRecord(target, await observeTargetsFrom(process.env, command.observe), terminal);
      }
      case "dlq": {
        const targets = await observeTargetsFrom(process.env, command.observe);
        const kafka = new KafkaClient({
          clientId: "cmesh-dlq",
          brokers: targets.kafkaBootstrap,
          logs: "none",
        });
        const rest = new RestClient(restUrlFrom(process.env, command.restTarget));
        const target = await deadLetterTargetOf(rest, command.connector);
        return command.action === "list"
          ? await listDeadLetters(kafka, target, command.selection, terminal)
          : await replayDeadLetters(kafka, target, command, terminal);
      }
      case "restart":
      case "stop": {
        const connectorFlags = command.name === "restart" && (command.includeTasks || command.onlyFailed);
        const stack = await stackComponentTarget(
          command.connector,
          command.rest,
          connectorFlags,
          process.env,
        );
        if (stack !== undefined) {
          return command.name === "restart"
            ? await restartStackComponent(stack, command.connector, terminal)
            : await stopStackComponent(stack, command.connector, terminal);
        }
        return await throughRestApi(command);
      }
      case "top": {
        const interrupted = new AbortController();
        process.once("SIGINT", () => interrupted.abort());
        const targets = await observeTargetsFrom(process.env, command.observe);
        return await top(targets, { ...command, signal: interrupted.signal }, terminal);
      }
      default:
        return await throughRestApi(command);
    }
  } catch (error) {
    if (error instanceof StackError || error instanceof UsageError || error instanceof CommandError) {
      terminal.error(`cmesh: ${error.message}`);
      if (error instanceof StackError && error.detail) terminal.error(indent(error.detail));
      return 1;
    }
    throw error;
  }
}

function throughRestApi(command: ConnectorCommand): Promise<number> {
  return runConnectorCommand(command, new RestClient(restUrlFrom(process.env, command.rest)), terminal);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");
}

process.exitCode = await main(process.argv.slice(2));
