// Runs the CLI entry against a correct SDK connector on 127.0.0.1, with config files in a temporary
// directory; nothing outside the process and that directory is involved.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectorServer } from "@connect-mesh/connector-sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSdkConnector } from "../test/doubles/sdk-connector.js";
import { runConformanceCli } from "./cli.js";

let server: ConnectorServer;
let dir: string;

beforeEach(async () => {
  server = await startSdkConnector({ accepted: [], durable: [] });
  dir = await mkdtemp(join(tmpdir(), "conformance-cli-"));
});
afterEach(async () => {
  await server.stop({ graceful: false });
  await rm(dir, { recursive: true, force: true });
});

describe("runConformanceCli", () => {
  it("prints the report and returns 0 when no check fails", async () => {
    const source = join(dir, "source.json");
    await writeFile(source, JSON.stringify({ topic: "t", "batch.size": 1 }));
    const lines: string[] = [];
    const code = await runConformanceCli(
      [server.address, "--config", `CountingSource=${source}`, "--quiet-ms", "100"],
      (line) => lines.push(line),
    );
    expect(code, lines.join("\n")).toBe(0);
    expect(lines).toContain(
      "PASS source.respects-credit [org.example.conformance.CountingSourceConnector] Read never sends beyond its credit",
    );
    expect(lines.at(-1)).toMatch(/^conformance: \d+ passed, 0 failed, \d+ skipped$/);
  });

  it("returns 1 when a check fails", async () => {
    const lines: string[] = [];
    const code = await runConformanceCli([server.address, "--plugin", "NoSuchPlugin"], (line) =>
      lines.push(line),
    );
    expect(code).toBe(1);
    expect(lines).toContain(
      "FAIL describe.plugins-listed Describe lists the hosted plugins, each under names of its own",
    );
  });

  it("returns 2 with the usage on a bad command line", async () => {
    const lines: string[] = [];
    expect(await runConformanceCli(["--nope"], (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toBe("conformance: unknown option --nope");
    expect(lines[1]).toMatch(/^usage: conformance <host:port>/);
  });

  it("returns 2 when the deadline leaves no room for the quiet period", async () => {
    const lines: string[] = [];
    const argv = [server.address, "--timeout-ms", "100", "--quiet-ms", "100"];
    expect(await runConformanceCli(argv, (line) => lines.push(line))).toBe(2);
    expect(lines).toEqual([
      "conformance: timeoutMs (100) and quietMs (100) must be above 0, with timeoutMs more than twice quietMs",
    ]);
  });

  it("returns 2 naming a config file that is not a JSON object of strings", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ topic: { nested: true } }));
    const lines: string[] = [];
    expect(
      await runConformanceCli([server.address, "--config", `CountingSource=${bad}`], (line) =>
        lines.push(line),
      ),
    ).toBe(2);
    expect(lines).toEqual([
      `conformance: the config file ${bad} gives "topic" an object; config values are strings`,
    ]);
  });
});
