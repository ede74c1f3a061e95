import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appendLines, waitForDistinctLines } from "./files.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");

describe("active topics (KIP-558)", () => {
  const id = randomUUID().slice(0, 8);
  const names = { source: `topics-src-${id}`, sink: `topics-sink-${id}`, topic: `topics-${id}` };
  const files = {
    input: join(baseDir, `topics-in-${id}.txt`),
    output: join(baseDir, `topics-out-${id}.txt`),
  };

  afterAll(async () => {
    for (const name of [names.source, names.sink]) await rest(restUrl, "DELETE", `/connectors/${name}`);
  });

  const topicsOf = (name: string) => rest(restUrl, "GET", `/connectors/${name}/topics`);

  it("lists the topics each connector used, forgets them on reset, and records them again on use", async () => {
    await rest(restUrl, "POST", "/connectors", {
      name: names.source,
      config: { "connector.class": "FileStreamSource", file: files.input, topic: names.topic },
    });
    await rest(restUrl, "POST", "/connectors", {
      name: names.sink,
      config: { "connector.class": "FileStreamSink", file: files.output, topics: names.topic },
    });
    await appendLines(files.input, 0, 100);
    await waitForDistinctLines(files.output, 100);
    for (const name of [names.source, names.sink]) {
      const listed = await topicsOf(name);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ [name]: { topics: [names.topic] } });
    }

    const reset = await rest(restUrl, "PUT", `/connectors/${names.source}/topics/reset`);
    expect(reset.status).toBe(202);
    expect((await topicsOf(names.source)).body).toEqual({ [names.source]: { topics: [] } });
    expect((await topicsOf(names.sink)).body).toEqual({ [names.sink]: { topics: [names.topic] } });

    // The worker forgot what it had recorded, so the next records on the topic record it again.
    await appendLines(files.input, 100, 200);
    await waitFor(
      async () => (await topicsOf(names.source)).body,
      (body) => JSON.stringify(body) === JSON.stringify({ [names.source]: { topics: [names.topic] } }),
      { timeoutMs: 30_000, description: "the source's topic to be recorded again after the reset" },
    );
  });

  it("answers 404 with Connect's body for an unknown connector", async () => {
    for (const [method, path] of [
      ["GET", "/connectors/no-such-connector/topics"],
      ["PUT", "/connectors/no-such-connector/topics/reset"],
    ] as const) {
      const response = await rest(restUrl, method, path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error_code: 404, message: "Connector no-such-connector not found" });
    }
  });
});
