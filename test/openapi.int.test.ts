import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installSchemathesis, stackConfigFromEnv } from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendLines, waitForDistinctLines } from "./files.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const runDir = inject("runDir");
const baseDir = inject("baseDir");
const created: string[] = [];
/** Every name schemathesis sends is moved under this prefix by the hooks in ./schemathesis. */
const PREFIX = "schemathesis-";
/** A STOPPED connector whose config schemathesis may replace; see ./schemathesis/confine_names.py. */
const FIXTURE = `${PREFIX}fixture-${randomUUID()}`;
const HOOKS_DIR = fileURLToPath(new URL("./schemathesis", import.meta.url));

// What the run checks: no 5xx, and every answer's status, content type and body as the document says.
const CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
];

let schemathesis: string;

beforeAll(async () => {
  const { cacheDir } = stackConfigFromEnv(process.env);
  schemathesis = (await installSchemathesis(cacheDir, (line) => process.stderr.write(`${line}\n`))).binary;
  const fixture = await rest(restUrl, "POST", "/connectors", {
    name: FIXTURE,
    config: { "connector.class": "FileStreamSink", file: `${FIXTURE}.txt`, topics: FIXTURE },
    initial_state: "STOPPED",
  });
  expect(fixture.status).toBe(201);
});

// Whatever schemathesis managed to create goes, so the files that run after it see the stack as it was.
afterAll(async () => {
  for (const name of [...(await connectorNames()).filter((n) => n.startsWith(PREFIX)), ...created]) {
    await rest(restUrl, "DELETE", `/connectors/${encodeURIComponent(name)}`);
  }
});

describe("the OpenAPI document, checked by schemathesis against the live coordinator", () => {
  it("finds no server error and no answer that differs from the document, and touches nothing of others", async () => {
    const othersBefore = await othersState();
    const { exitCode, output } = await run(schemathesis, [
      "run",
      `${restUrl}/openapi.json`,
      "--checks",
      CHECKS.join(","),
      // A resumed connector would start tasks on the shared worker; the hooks keep everything else stopped.
      "--exclude-path",
      "/connectors/{name}/resume",
      // Bounded so the run takes about a minute on two cores; the seed makes a failure repeatable.
      "--max-examples",
      "25",
      "--seed",
      "20260601",
      "--workers",
      "1",
      "--request-timeout",
      "30",
      // Health checks judge how well data can be generated, not the API; on a busy machine they only add noise.
      "--suppress-health-check",
      "all",
      "--generation-database",
      "none",
      "--no-color",
    ]);
    if (exitCode !== 0) process.stderr.write(output);
    expect(exitCode, `schemathesis failed:\n${output}`).toBe(0);

    expect(await othersState()).toEqual(othersBefore);
    const expanded = (await rest(restUrl, "GET", "/connectors?expand=status")).body as Record<
      string,
      { status: { connector: { state: string } } }
    >;
    const running = Object.entries(expanded).filter(
      ([name, { status }]) => name.startsWith(PREFIX) && status.connector.state === "RUNNING",
    );
    expect(running, "connectors schemathesis left RUNNING").toEqual([]);
  });

  it("leaves the worker able to run new tasks", async () => {
    const id = randomUUID().slice(0, 8);
    const [input, output] = [
      join(baseDir, `after-fuzz-in-${id}.txt`),
      join(baseDir, `after-fuzz-out-${id}.txt`),
    ];
    await appendLines(input, 0, 10);
    for (const [name, config] of [
      [
        `after-fuzz-source-${id}`,
        { "connector.class": "FileStreamSource", file: input, topic: `after-fuzz-${id}` },
      ],
      [
        `after-fuzz-sink-${id}`,
        { "connector.class": "FileStreamSink", file: output, topics: `after-fuzz-${id}` },
      ],
    ] as const) {
      expect((await rest(restUrl, "POST", "/connectors", { name, config })).status).toBe(201);
      created.push(name);
    }
    expect(await waitForDistinctLines(output, 10, 60_000)).toHaveLength(10);
  });
});

async function connectorNames(): Promise<string[]> {
  return (await rest(restUrl, "GET", "/connectors")).body as string[];
}

/** The connectors and logger levels outside schemathesis's prefix, which the run must leave as they are. */
async function othersState() {
  const loggers = (await rest(restUrl, "GET", "/admin/loggers")).body as Record<string, unknown>;
  return {
    connectors: (await connectorNames()).filter((name) => !name.startsWith(PREFIX)),
    loggers: Object.entries(loggers).filter(([name]) => !name.startsWith(PREFIX)),
  };
}

/** Runs schemathesis with the naming hooks, in the stack's run directory; resolves with all it printed. */
function run(command: string, args: readonly string[]): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: runDir,
      env: {
        ...process.env,
        PYTHONPATH: HOOKS_DIR,
        SCHEMATHESIS_HOOKS: "confine_names",
        CONNECT_MESH_SCHEMATHESIS_FIXTURE: FIXTURE,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ exitCode: code ?? 1, output }));
  });
}
