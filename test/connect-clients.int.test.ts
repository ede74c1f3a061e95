import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { appendLines } from "./files.js";
import { rest } from "./rest-client.js";
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

  /**
   * The keys Kafka Connect 4.3.1's validate lists for its FileStream connectors, besides the connectors' own
   * (`file`, `topic`, `batch.size`), in its order; taken from a running Connect worker on 2026-12-08.
   */
  const CONNECT_KEYS = [
    "name",
    "connector.class",
    "connector.plugin.version",
    "tasks.max",
    "tasks.max.enforce",
    "key.converter",
    "key.converter.plugin.version",
    "value.converter",
    "value.converter.plugin.version",
    "header.converter",
    "header.converter.plugin.version",
    "transforms",
    "predicates",
    "config.action.reload",
    "errors.retry.timeout",
    "errors.retry.delay.max.ms",
    "errors.tolerance",
    "errors.log.enable",
    "errors.log.include.messages",
  ];
  const CONNECT_SOURCE_KEYS = [
    ...CONNECT_KEYS,
    "topic.creation.groups",
    "exactly.once.support",
    "transaction.boundary",
    "transaction.boundary.interval.ms",
    "offsets.storage.topic",
  ];
  const CONNECT_SINK_KEYS = [
    ...CONNECT_KEYS,
    "topics",
    "topics.regex",
    "errors.deadletterqueue.topic.name",
    "errors.deadletterqueue.topic.replication.factor",
    "errors.deadletterqueue.context.headers.enable",
  ];

  it.each([
    ["FileStreamSource", { topic: "t", file: "/tmp/in.txt" }, CONNECT_SOURCE_KEYS],
    ["FileStreamSink", { topics: "t", file: "/tmp/out.txt" }, CONNECT_SINK_KEYS],
  ])(
    "validate of %s defines every key Connect's does, with Connect's defaults",
    async (plugin, own, keys) => {
      const response = await rest(restUrl, "PUT", `/connector-plugins/${plugin}/config/validate`, {
        "connector.class": plugin,
        name: `validate-${plugin}`,
        "tasks.max": "1",
        ...own,
      });
      expect(response.status).toBe(200);
      const body = response.body as {
        error_count: number;
        configs: { definition: { name: string; default_value: string | null } }[];
      };
      expect(body.error_count).toBe(0);
      const definitions = new Map(body.configs.map(({ definition }) => [definition.name, definition]));
      expect(keys.filter((key) => !definitions.has(key))).toEqual([]);
      expect(definitions.get("header.converter")?.default_value).toBe(
        "org.apache.kafka.connect.storage.SimpleHeaderConverter",
      );
      expect(definitions.get("config.action.reload")?.default_value).toBe("restart");
      expect(definitions.get("tasks.max.enforce")?.default_value).toBe("true");
      if (plugin === "FileStreamSource") {
        expect(definitions.get("exactly.once.support")?.default_value).toBe("requested");
        expect(definitions.get("transaction.boundary")?.default_value).toBe("poll");
        // A source has no dead-letter queue, in Connect as here.
        expect(definitions.has("errors.deadletterqueue.topic.name")).toBe(false);
      }
    },
  );
});
