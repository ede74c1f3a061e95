import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { installKafkaTools, silent } from "@connect-mesh/deploy";
import { inject } from "vitest";
import "./stack-context.js";

const run = promisify(execFile);

/**
 * The values of the first `count` records of a topic as Kafka's own console consumer prints them (one line
 * each), the way a Connect user checks a topic by hand.
 */
export async function consoleConsume(topic: string, count: number): Promise<string[]> {
  const classpath = await installKafkaTools(inject("cacheDir"), silent);
  const { stdout } = await run(
    "java",
    [
      "-cp",
      classpath,
      "org.apache.kafka.tools.consumer.ConsoleConsumer",
      "--bootstrap-server",
      inject("kafkaBootstrap"),
      "--topic",
      topic,
      "--from-beginning",
      "--max-messages",
      String(count),
      "--timeout-ms",
      "60000",
    ],
    { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout.split("\n").filter((line) => line.startsWith("{"));
}
