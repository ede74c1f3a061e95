import { randomUUID } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { appendLines, lineText, readLines as readLinesOf, waitForDistinctLines } from "./files.js";
import { OpenApiConformance } from "./openapi-conformance.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const created: string[] = [];
let conformance: OpenApiConformance;

beforeAll(async () => {
  conformance = await OpenApiConformance.fetch(restUrl);
});

afterEach(async () => {
  for (const name of created.splice(0)) await rest(restUrl, "DELETE", `/connectors/${name}`);
});

/** Connect's level names, as the loggers endpoints answer them. */
const LEVEL = /^(OFF|FATAL|ERROR|WARN|INFO|DEBUG|TRACE)$/;

interface StatusBody {
  connector: { state: string };
  tasks: { id: number; state: string; worker_id: string }[];
}

const statusOf = async (name: string) =>
  (await rest(restUrl, "GET", `/connectors/${name}/status`)).body as StatusBody;

function waitForStates(name: string, connector: string, task: string | undefined) {
  return waitFor(
    () => statusOf(name),
    (s) =>
      s.connector.state === connector &&
      (task === undefined
        ? s.tasks.length === 0
        : s.tasks.length > 0 && s.tasks.every((t) => t.state === task)),
    { timeoutMs: 60_000, description: `${name} to be ${connector} with tasks ${task ?? "none"}` },
  );
}

describe("Kafka Connect's REST API beyond the basics", () => {
  it.each([
    ["GET", "/health", 200, { status: "healthy", message: expect.any(String) }],
    [
      "GET",
      "/",
      200,
      { version: expect.any(String), commit: expect.any(String), kafka_cluster_id: expect.any(String) },
    ],
    [
      "GET",
      "/connector-plugins?connectorsOnly=false",
      200,
      expect.arrayContaining([
        {
          class: "org.apache.kafka.connect.json.JsonConverter",
          type: "converter",
          version: expect.any(String),
        },
        {
          class: "org.apache.kafka.connect.file.FileStreamSinkConnector",
          type: "sink",
          version: expect.any(String),
        },
      ]),
    ],
    [
      "GET",
      "/connector-plugins/FileStreamSource/config",
      200,
      expect.arrayContaining([
        expect.objectContaining({ name: "connector.class", required: true, group: "Common" }),
        expect.objectContaining({ name: "file", type: "STRING", required: true, importance: "HIGH" }),
        expect.objectContaining({ name: "batch.size", type: "INT", default_value: "2000" }),
      ]),
    ],
    [
      "GET",
      "/connector-plugins/NoSuchPlugin/config",
      404,
      { error_code: 404, message: expect.stringMatching(/Unknown plugin NoSuchPlugin/) },
    ],
    [
      "PUT",
      "/connectors/never-created/pause",
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
    [
      "PUT",
      "/connectors/never-created/resume",
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
    [
      "PUT",
      "/connectors/never-created/stop",
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
    [
      "PATCH",
      "/connectors/never-created/config",
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
    [
      "GET",
      "/connectors/never-created/tasks/0/status",
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
    [
      "GET",
      "/connectors?expand=everything",
      400,
      { error_code: 400, message: expect.stringMatching(/expand/) },
    ],
    [
      "GET",
      "/admin/loggers",
      200,
      expect.objectContaining({
        root: {
          level: expect.stringMatching(LEVEL),
          last_modified: expect.toBeOneOf([null, expect.any(Number)]),
        },
        "coordinator.rest": expect.objectContaining({ level: expect.stringMatching(LEVEL) }),
      }),
    ],
    [
      "GET",
      "/admin/loggers/root",
      200,
      { level: expect.stringMatching(LEVEL), last_modified: expect.toBeOneOf([null, expect.any(Number)]) },
    ],
    [
      "GET",
      "/admin/loggers/no.such.logger",
      404,
      { error_code: 404, message: "Logger no.such.logger not found." },
    ],
  ])("%s %s answers %i in Connect's shape", async (method, path, status, body) => {
    const response = await rest(restUrl, method, path, method === "PATCH" ? {} : undefined);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
    expect(conformance.problemWith(method, path, response.status, response.body)).toBeUndefined();
  });

  it.each([
    [
      "PUT",
      "/admin/loggers/root",
      { level: "LOUD" },
      404,
      { error_code: 404, message: "invalid log level 'LOUD'." },
    ],
    [
      "PUT",
      "/admin/loggers/root",
      { lvl: "DEBUG" },
      400,
      { error_code: 400, message: expect.stringMatching(/level/) },
    ],
    [
      "POST",
      "/connectors",
      { name: "no-config" },
      400,
      { error_code: 400, message: expect.stringMatching(/config/) },
    ],
    [
      "PUT",
      "/connectors/never-created/config",
      { "connector.class": "NoSuchPlugin" },
      400,
      { error_code: 400, message: expect.stringMatching(/NoSuchPlugin/) },
    ],
    [
      "PATCH",
      "/connectors/never-created/offsets",
      { offsets: [] },
      404,
      { error_code: 404, message: "Connector never-created not found" },
    ],
  ])("%s %s with %j answers %i in Connect's shape", async (method, path, requestBody, status, body) => {
    const response = await rest(restUrl, method, path, requestBody);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
    expect(conformance.problemWith(method, path, response.status, response.body)).toBeUndefined();
  });

  it("serves its OpenAPI 3 document, made from the schemas the routes validate with", async () => {
    const response = await rest(restUrl, "GET", "/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: expect.any(String), version: expect.any(String) },
      paths: expect.objectContaining({
        "/connectors": expect.objectContaining({ get: expect.anything(), post: expect.anything() }),
        "/admin/loggers/{logger}": expect.objectContaining({
          get: expect.anything(),
          put: expect.anything(),
        }),
      }),
    });
  });

  it("validates a config key by key with Connect's ConfigInfos, 200 even when it has errors", async () => {
    const response = await rest(restUrl, "PUT", "/connector-plugins/FileStreamSink/config/validate", {
      "connector.class": "FileStreamSink",
      "tasks.max": "zero",
    });
    expect(response.status).toBe(200);
    const body = response.body as {
      name: string;
      error_count: number;
      configs: { definition: { name: string }; value: { name: string; errors: string[] } }[];
    };
    expect(body.name).toBe("org.apache.kafka.connect.file.FileStreamSinkConnector");
    const errorsOf = (key: string) => body.configs.find((c) => c.definition.name === key)?.value.errors ?? [];
    expect(errorsOf("topics")).toEqual(["Must configure one of topics or topics.regex"]);
    expect(errorsOf("tasks.max")).toEqual([expect.stringMatching(/tasks.max/)]);
    expect(errorsOf("file")).toHaveLength(1);
    expect(body.error_count).toBe(3);
  });

  it("pauses, resumes and stops a connector, and picks up where it left off", async () => {
    const id = randomUUID().slice(0, 8);
    const input = join(baseDir, `lifecycle-in-${id}.txt`);
    const output = join(baseDir, `lifecycle-out-${id}.txt`);
    const topic = `lifecycle-${id}`;
    await appendLines(input, 0, 100);
    const source = await rest(restUrl, "POST", "/connectors", {
      name: `lifecycle-source-${id}`,
      config: { "connector.class": "FileStreamSource", file: input, topic },
      initial_state: "PAUSED",
    });
    expect(source.status).toBe(201);
    created.push(`lifecycle-source-${id}`);
    const sink = `lifecycle-sink-${id}`;
    expect(
      (
        await rest(restUrl, "POST", "/connectors", {
          name: sink,
          config: { "connector.class": "FileStreamSink", file: output, topics: topic },
        })
      ).status,
    ).toBe(201);
    created.push(sink);

    await waitForStates(`lifecycle-source-${id}`, "PAUSED", "PAUSED");
    expect((await rest(restUrl, "PUT", `/connectors/lifecycle-source-${id}/resume`)).status).toBe(202);
    await waitForDistinctLines(output, 100);

    expect((await rest(restUrl, "PUT", `/connectors/${sink}/pause`)).status).toBe(202);
    await waitForStates(sink, "PAUSED", "PAUSED");
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/stop`)).status).toBe(204);
    await waitForStates(sink, "STOPPED", undefined);
    expect((await rest(restUrl, "GET", `/connectors/${sink}/tasks`)).body).toEqual([]);

    await appendLines(input, 100, 200);
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/resume`)).status).toBe(202);
    await waitForStates(sink, "RUNNING", "RUNNING");
    const lines = await waitForDistinctLines(output, 200);
    expect(new Set(lines)).toEqual(new Set(Array.from({ length: 200 }, (_, n) => lineText(n))));

    const task = await rest(restUrl, "GET", `/connectors/${sink}/tasks/0/status`);
    expect(task).toMatchObject({ status: 200, body: { id: 0, state: "RUNNING", worker_id: "worker-1" } });
    expect((await rest(restUrl, "GET", `/connectors/${sink}/tasks/7/status`)).status).toBe(404);

    const expanded = await rest(restUrl, "GET", "/connectors?expand=status&expand=info");
    expect((expanded.body as Record<string, unknown>)[sink]).toMatchObject({
      status: { name: sink, connector: { state: "RUNNING" }, type: "sink" },
      info: { name: sink, type: "sink", tasks: [{ connector: sink, task: 0 }] },
    });
  });

  it("patches a config: given keys replace stored ones and null removes a key", async () => {
    const name = `patched-${randomUUID().slice(0, 8)}`;
    const config = {
      "connector.class": "FileStreamSink",
      file: join(baseDir, `${name}.txt`),
      topics: name,
      "tasks.max": "2",
    };
    expect((await rest(restUrl, "POST", "/connectors", { name, config })).status).toBe(201);
    created.push(name);
    const patched = await rest(restUrl, "PATCH", `/connectors/${name}/config`, {
      "tasks.max": null,
      topics: `${name}-2`,
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { config: Record<string, string> }).config).toEqual({
      "connector.class": "FileStreamSink",
      file: config.file,
      topics: `${name}-2`,
      name,
    });
    const bad = await rest(restUrl, "PATCH", `/connectors/${name}/config`, { topics: null });
    expect(bad).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/Must configure one of topics/) },
    });
  });
});

describe("/admin/loggers (KIP-495, and KIP-976's cluster scope)", () => {
  it("sets a namespace on this coordinator and answers the loggers whose level changed", async () => {
    const namespace = `rest-api-${randomUUID().slice(0, 8)}`;
    const first = await rest(restUrl, "PUT", `/admin/loggers/${namespace}.child`, { level: "DEBUG" });
    expect(first).toMatchObject({ status: 200, body: [`${namespace}.child`] });
    const parent = await rest(restUrl, "PUT", `/admin/loggers/${namespace}?scope=worker`, { level: "trace" });
    expect(parent).toMatchObject({ status: 200, body: [namespace, `${namespace}.child`] });
    const child = await rest(restUrl, "GET", `/admin/loggers/${namespace}.child`);
    expect(child).toMatchObject({ status: 200, body: { level: "TRACE", last_modified: expect.any(Number) } });
    expect(
      conformance.problemWith("PUT", `/admin/loggers/${namespace}`, parent.status, parent.body),
    ).toBeUndefined();
    expect(
      ((await rest(restUrl, "GET", "/admin/loggers")).body as Record<string, unknown>)[namespace],
    ).toEqual({
      level: "TRACE",
      last_modified: expect.any(Number),
    });
  });

  it("stores a cluster-scope level in etcd, answers 204, and every coordinator and worker applies it", async () => {
    const namespace = `rest-api-cluster-${randomUUID().slice(0, 8)}`;
    const response = await rest(restUrl, "PUT", `/admin/loggers/${namespace}?scope=cluster`, {
      level: "WARN",
    });
    expect(response).toMatchObject({ status: 204, body: undefined });
    const applied = await waitFor(
      () => rest(restUrl, "GET", `/admin/loggers/${namespace}`),
      (r) => r.status === 200,
      { timeoutMs: 10_000, description: `the coordinator to apply ${namespace}'s cluster-scope level` },
    );
    expect(applied.body).toEqual({ level: "WARN", last_modified: expect.any(Number) });
    // The worker serves no REST API; it says in its log that it applied the level.
    const workerLog = join(inject("runDir"), "worker", "worker.log");
    await waitFor(
      () => readFile(workerLog, "utf8"),
      (log) => log.includes(`"namespace":"${namespace}","level":"WARN"`),
      { timeoutMs: 10_000, description: `the worker to apply ${namespace}'s cluster-scope level` },
    );
  });
});

describe("the offsets API (KIP-875)", () => {
  it("shows source and sink offsets, refuses changes while running, and replays a topic after a sink reset", async () => {
    const id = randomUUID().slice(0, 8);
    const input = join(baseDir, `offsets-in-${id}.txt`);
    const output = join(baseDir, `offsets-out-${id}.txt`);
    const topic = `offsets-${id}`;
    const [source, sink] = [`offsets-source-${id}`, `offsets-sink-${id}`];
    await appendLines(input, 0, 50);
    for (const [name, config] of [
      [source, { "connector.class": "FileStreamSource", file: input, topic }],
      [sink, { "connector.class": "FileStreamSink", file: output, topics: topic }],
    ] as const) {
      expect((await rest(restUrl, "POST", "/connectors", { name, config })).status).toBe(201);
      created.push(name);
    }
    await waitForDistinctLines(output, 50);

    const sourceOffsets = await waitFor(
      () => rest(restUrl, "GET", `/connectors/${source}/offsets`),
      (r) => (r.body as { offsets: unknown[] }).offsets.length === 1,
      { timeoutMs: 30_000, description: `${source}'s offsets` },
    );
    expect(sourceOffsets.body).toEqual({
      offsets: [{ partition: { filename: input }, offset: { position: 50 * (lineText(0).length + 1) } }],
    });
    const sinkOffsets = await waitFor(
      () => rest(restUrl, "GET", `/connectors/${sink}/offsets`),
      (r) => JSON.stringify(r.body).includes('"kafka_offset":50'),
      { timeoutMs: 30_000, description: `${sink}'s committed offsets` },
    );
    expect(sinkOffsets.body).toEqual({
      offsets: [{ partition: { kafka_topic: topic, kafka_partition: 0 }, offset: { kafka_offset: 50 } }],
    });

    const whileRunning = await rest(restUrl, "DELETE", `/connectors/${sink}/offsets`);
    expect(whileRunning).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/must be in the STOPPED state/) },
    });

    // The seed's story: stop the sink, reset its offsets, resume, and the whole topic is written again.
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/stop`)).status).toBe(204);
    await waitForStates(sink, "STOPPED", undefined);
    const reset = await rest(restUrl, "DELETE", `/connectors/${sink}/offsets`);
    expect(reset).toMatchObject({
      status: 200,
      body: { message: "The offsets for this connector have been reset successfully" },
    });
    expect((await rest(restUrl, "GET", `/connectors/${sink}/offsets`)).body).toEqual({ offsets: [] });
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/resume`)).status).toBe(202);
    const replayed = await waitFor(
      async () => (await readLinesOf(output)).length,
      (count) => count >= 100,
      { timeoutMs: 60_000, description: "the topic to be replayed into the sink" },
    );
    expect(replayed).toBe(100);

    // Altering a sink's offsets: skip the first 40 records on the next replay.
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/stop`)).status).toBe(204);
    await waitForStates(sink, "STOPPED", undefined);
    for (const [partition, message] of [
      [{ kafka_topic: `${topic}-missing`, kafka_partition: 0 }, /no topic named/],
      [{ kafka_topic: topic, kafka_partition: 3 }, /has no partition 3/],
      [{ kafka_topic: topic, kafka_partition: -1 }, /whole number/],
    ] as const) {
      const refused = await rest(restUrl, "PATCH", `/connectors/${sink}/offsets`, {
        offsets: [{ partition, offset: { kafka_offset: 1 } }],
      });
      expect(refused).toMatchObject({
        status: 400,
        body: { error_code: 400, message: expect.stringMatching(message) },
      });
    }
    const altered = await rest(restUrl, "PATCH", `/connectors/${sink}/offsets`, {
      offsets: [{ partition: { kafka_topic: topic, kafka_partition: 0 }, offset: { kafka_offset: 40 } }],
    });
    expect(altered).toMatchObject({
      status: 200,
      body: { message: "The offsets for this connector have been altered successfully" },
    });
    expect((await rest(restUrl, "PUT", `/connectors/${sink}/resume`)).status).toBe(202);
    await waitFor(
      async () => (await readLinesOf(output)).length,
      (count) => count >= 110,
      { timeoutMs: 60_000, description: "the last 10 records to be written again" },
    );
    expect((await readLinesOf(output)).slice(100)).toEqual(
      Array.from({ length: 10 }, (_, n) => lineText(40 + n)),
    );
  });
});

describe("restarts", () => {
  it("restarts a failed task on request, after its cause is fixed", async () => {
    const id = randomUUID().slice(0, 8);
    const input = join(baseDir, `restart-in-${id}.txt`);
    const missingDir = join(baseDir, `not-yet-${id}`);
    const topic = `restart-${id}`;
    const [source, sink] = [`restart-source-${id}`, `restart-sink-${id}`];
    await appendLines(input, 0, 20);
    expect(
      (
        await rest(restUrl, "POST", "/connectors", {
          name: source,
          config: { "connector.class": "FileStreamSource", file: input, topic },
        })
      ).status,
    ).toBe(201);
    created.push(source);
    const output = join(missingDir, "out.txt");
    expect(
      (
        await rest(restUrl, "POST", "/connectors", {
          name: sink,
          config: { "connector.class": "FileStreamSink", file: output, topics: topic },
        })
      ).status,
    ).toBe(201);
    created.push(sink);

    // The sink cannot open a file in a directory that does not exist: a fatal error, so it stays FAILED.
    await waitForStates(sink, "RUNNING", "FAILED");
    await mkdir(missingDir);

    const restarted = await rest(
      restUrl,
      "POST",
      `/connectors/${sink}/restart?includeTasks=true&onlyFailed=true`,
    );
    expect(restarted).toMatchObject({
      status: 202,
      body: { name: sink, connector: { state: "RUNNING" }, tasks: [{ id: 0, state: "RESTARTING" }] },
    });
    await waitForStates(sink, "RUNNING", "RUNNING");
    expect(await waitForDistinctLines(output, 20)).toEqual(Array.from({ length: 20 }, (_, n) => lineText(n)));

    expect((await rest(restUrl, "POST", `/connectors/${sink}/restart`)).status).toBe(204);
    expect((await rest(restUrl, "POST", `/connectors/${sink}/tasks/0/restart`)).status).toBe(204);
    expect((await rest(restUrl, "POST", `/connectors/${sink}/tasks/5/restart`)).status).toBe(404);
    await waitForStates(sink, "RUNNING", "RUNNING");
    await appendLines(input, 20, 40);
    expect(new Set(await waitForDistinctLines(output, 40))).toEqual(
      new Set(Array.from({ length: 40 }, (_, n) => lineText(n))),
    );
  });
});
