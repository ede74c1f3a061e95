import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { appendLines } from "./files.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const run = promisify(execFile);

interface Step {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly allow: string | null;
}

describe("Kafka Connect's clients, unchanged", () => {
  it("a Python client that sends Content-Type: application/json on every request and writes True/False", async () => {
    const id = randomUUID().slice(0, 8);
    const dir = join(baseDir, `connect-client-${id}`);
    await mkdir(dir, { recursive: true });
    const input = join(dir, "in.txt");
    await appendLines(input, 0, 10);
    const name = `python-client-${id}`;
    const { stdout } = await run(
      "python3",
      [
        join(import.meta.dirname, "clients", "connect_client.py"),
        restUrl,
        name,
        input,
        `python-client-${id}`,
      ],
      { timeout: 240_000 },
    );
    const steps = JSON.parse(stdout) as Step[];
    const answers = steps.map(({ method, path, status }) => `${method} ${path} ${status}`);
    expect(answers).toEqual([
      "POST /connectors 201",
      `GET /connectors/${name}/status 200`,
      `PUT /connectors/${name}/pause 202`,
      `GET /connectors/${name}/status 200`,
      `PUT /connectors/${name}/resume 202`,
      `GET /connectors/${name}/status 200`,
      `POST /connectors/${name}/restart?includeTasks=True&onlyFailed=False 202`,
      `GET /connectors/${name}/status 200`,
      "GET /connector-plugins?connectorsOnly=False 200",
      `POST /connectors/${name}/status 405`,
      `PUT /connectors/${name}/stop 204`,
      `DELETE /connectors/${name} 204`,
      `GET /connectors/${name} 404`,
    ]);
    const byAnswer = new Map(steps.map((step, i) => [answers[i], step]));
    // connectorsOnly=False lists the transforms and predicates too, not only connectors.
    expect(byAnswer.get("GET /connector-plugins?connectorsOnly=False 200")?.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "transformation" })]),
    );
    expect(byAnswer.get(`POST /connectors/${name}/status 405`)).toMatchObject({
      body: { error_code: 405, message: "HTTP 405 Method Not Allowed" },
      allow: "GET, HEAD",
    });
  });
});
