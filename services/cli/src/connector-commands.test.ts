import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { ConnectorCommand } from "./arguments.js";
import { runConnectorCommand } from "./connector-commands.js";
import type { Output } from "./output.js";
import { RestClient } from "./rest-client.js";
import { RestAnswerError } from "./rest-errors.js";

/** Runs a command against a fake REST API that answers every request with `answer`; no network. */
async function run(command: ConnectorCommand, answer: () => Response) {
  const requests: string[] = [];
  const results: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    requests.push(`${init?.method} ${String(input)}${init?.body ? ` ${String(init.body)}` : ""}`);
    return answer();
  };
  const output: Output = { result: (line) => results.push(line), progress: () => {}, error: () => {} };
  const exitCode = await runConnectorCommand(command, new RestClient("http://h", { fetch: fetchFn }), output);
  return { exitCode, requests, results };
}

const rest = { overrides: {} };
const status = (state: string) => ({
  name: "a b",
  type: "sink",
  connector: { state: "RUNNING", worker_id: "w" },
  tasks: [{ id: 0, state, worker_id: "w", ...(state === "FAILED" ? { trace: "boom" } : {}) }],
});

describe("runConnectorCommand", () => {
  it("lists connectors with status and info expanded", async () => {
    const { requests, exitCode } = await run({ name: "connectors", rest }, () => Response.json({}));
    expect(requests).toEqual(["GET http://h/connectors?expand=status&expand=info"]);
    expect(exitCode).toBe(0);
  });

  it.each([
    ["RUNNING", 0],
    ["FAILED", 1],
  ])("exits with a task %s with %i from status <name>, encoding the name", async (state, code) => {
    const { requests, exitCode } = await run({ name: "connector-status", connector: "a b", rest }, () =>
      Response.json(status(state)),
    );
    expect(requests).toEqual(["GET http://h/connectors/a%20b/status"]);
    expect(exitCode).toBe(code);
  });

  it.each(["pause", "resume", "stop"] as const)("sends PUT .../%s and says what it asked", async (action) => {
    const { requests, results } = await run(
      { name: action, connector: "src", rest },
      () => new Response(null, { status: 202 }),
    );
    expect(requests).toEqual([`PUT http://h/connectors/src/${action}`]);
    expect(results[0]).toMatch(new RegExp(`^asked connector src to ${action}`));
  });

  it("restarts with both query parameters", async () => {
    const { requests } = await run(
      { name: "restart", connector: "src", includeTasks: true, onlyFailed: false, rest },
      () => new Response(null, { status: 204 }),
    );
    expect(requests).toEqual(["POST http://h/connectors/src/restart?includeTasks=true&onlyFailed=false"]);
  });

  it("passes on the server's message when it does not serve the restart endpoint", async () => {
    const answer = () =>
      Response.json(
        { error_code: 404, message: "no such endpoint: POST /connectors/src/restart" },
        { status: 404 },
      );
    await expect(
      run({ name: "restart", connector: "src", includeTasks: false, onlyFailed: false, rest }, answer),
    ).rejects.toThrow(RestAnswerError);
    await expect(
      run({ name: "restart", connector: "src", includeTasks: false, onlyFailed: false, rest }, answer),
    ).rejects.toThrow("no such endpoint: POST /connectors/src/restart");
  });

  it("gets and resets offsets", async () => {
    const got = await run({ name: "offsets", action: "get", connector: "s", rest }, () =>
      Response.json({ offsets: [{ partition: { filename: "in.txt" }, offset: { position: 3 } }] }),
    );
    expect(got.requests).toEqual(["GET http://h/connectors/s/offsets"]);
    expect(got.results).toEqual(["PARTITION        OFFSET", "filename=in.txt  position=3"]);
    const reset = await run({ name: "offsets", action: "reset", connector: "s", rest }, () =>
      Response.json({ message: "The offsets for this connector have been reset successfully" }),
    );
    expect(reset.requests).toEqual(["DELETE http://h/connectors/s/offsets"]);
    expect(reset.results).toEqual(["The offsets for this connector have been reset successfully"]);
  });

  it.each([
    [0, 0],
    [2, 1],
  ])("validates a file's config against its plugin; %i errors exit %i", async (errorCount, code) => {
    const dir = await mkdtemp(join(tmpdir(), "cmesh-validate-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "sink.json");
    await writeFile(file, JSON.stringify({ name: "s", config: { "connector.class": "FileStreamSink" } }));
    const { requests, exitCode } = await run({ name: "validate", file, rest }, () =>
      Response.json({ name: "FileStreamSink", error_count: errorCount, groups: [], configs: [] }),
    );
    expect(requests).toEqual([
      'PUT http://h/connector-plugins/FileStreamSink/config/validate {"connector.class":"FileStreamSink","name":"s"}',
    ]);
    expect(exitCode).toBe(code);
  });

  it("says which file it cannot read", async () => {
    await expect(
      run({ name: "validate", file: "/no/such/file.json", rest }, () => Response.json({})),
    ).rejects.toThrow("cannot read /no/such/file.json");
  });
});
