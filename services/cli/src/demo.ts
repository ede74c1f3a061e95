import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import type { Output } from "./output.js";

/** Kafka Connect's file quickstart, as its users type it. */
const QUICKSTART_CONNECTORS = [
  '{"name":"file-source","config":{"connector.class":"FileStreamSource","file":"input.txt","topic":"file-topic"}}',
  '{"name":"file-sink","config":{"connector.class":"FileStreamSink","file":"output.txt","topics":"file-topic"}}',
];

/**
 * `cmesh up --demo`: runs Kafka Connect's file example end to end on the running mesh. It appends a few
 * lines to input.txt in `baseDir`, creates the quickstart's two connectors (keeping them if they exist),
 * and waits until the lines arrive in output.txt.
 */
export async function runDemo(restUrl: string, baseDir: string, output: Output): Promise<number> {
  const stamp = new Date().toISOString();
  const lines = [1, 2, 3].map((n) => `hello from connect-mesh, line ${n} of the demo at ${stamp}`);
  await appendFile(join(baseDir, "input.txt"), `${lines.join("\n")}\n`);

  for (const body of QUICKSTART_CONNECTORS) {
    const response = await fetch(`${restUrl}/connectors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    const answer = (await response.json()) as { name?: string; message?: string };
    if (response.status === 201)
      output.result(`created connector ${answer.name} (POST ${restUrl}/connectors)`);
    else if (response.status === 409) output.result(`kept the existing connector: ${answer.message}`);
    else throw new Error(`creating a demo connector answered ${response.status}: ${answer.message}`);
  }

  const outputFile = join(baseDir, "output.txt");
  await waitFor(
    () => readFile(outputFile, "utf8").catch(() => ""),
    (text) => lines.every((line) => text.includes(line)),
    { timeoutMs: 120_000, intervalMs: 250, description: `the demo's lines to reach ${outputFile}` },
  );
  const connectors = await (await fetch(`${restUrl}/connectors`)).json();
  output.result(`\ncurl ${restUrl}/connectors\n${JSON.stringify(connectors)}`);
  output.result(
    `\n${lines.length} lines went input.txt → FileStreamSource → Kafka "file-topic" → FileStreamSink → output.txt:`,
  );
  for (const line of lines) output.result(`  ${line}`);
  output.result(
    `\nAppend to ${join(baseDir, "input.txt")} and watch ${outputFile}; \`npx cmesh down\` stops everything.`,
  );
  return 0;
}
