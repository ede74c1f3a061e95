import { Writable } from "node:stream";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it } from "vitest";
import { runWithContext, startRecordSpan } from "./hop-span.js";
import { LoggerFactory } from "./logger-factory.js";
import { startTelemetry, type Telemetry } from "./start-telemetry.js";

/** A factory whose lines are kept, parsed, for the test to read. */
function capture(options: { redactPaths?: string[] } = {}) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const factory = new LoggerFactory({ service: "worker", instanceId: "worker-1", destination, ...options });
  return { factory, lines };
}

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

describe("LoggerFactory", () => {
  it("writes JSON lines naming the service, the instance and the logger", () => {
    const { factory, lines } = capture();
    factory.logger("worker.sink-task").info({ batch: 3 }, "written");
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        service: "worker",
        instance: "worker-1",
        logger: "worker.sink-task",
        batch: 3,
        msg: "written",
      }),
    ]);
  });

  it("puts the active span's trace and span ids on each line, and none outside a span", async () => {
    telemetry = await startTelemetry(
      { serviceName: "worker", instanceId: "worker-1", otlpEndpoint: undefined },
      { exporter: new InMemorySpanExporter() },
    );
    const { factory, lines } = capture();
    const logger = factory.logger("worker");
    const span = startRecordSpan("convert", { samplingRatio: 1 });
    runWithContext(span.context, () => logger.info("inside"));
    logger.info("outside");
    span.end();
    expect(lines[0]).toMatchObject({ msg: "inside", trace_id: span.traceId, span_id: expect.any(String) });
    expect(lines[1]).not.toHaveProperty("trace_id");
  });

  it("binds connector and task and hides a task's secret config values", () => {
    const { factory, lines } = capture({ redactPaths: ["headers.authorization"] });
    const task = factory.taskLogger(factory.logger("worker.source-task"), {
      connector: "jdbc-source",
      task: 2,
      secretKeys: ["connection.password"],
    });
    task.info(
      {
        config: { "connection.password": "hunter2", "connection.user": "app" },
        nested: { config: { "connection.password": "hunter2" } },
        headers: { authorization: "Bearer x" },
      },
      "task started",
    );
    expect(lines[0]).toMatchObject({
      connector: "jdbc-source",
      task: 2,
      config: { "connection.password": "[hidden]", "connection.user": "app" },
      nested: { config: { "connection.password": "[hidden]" } },
      headers: { authorization: "[hidden]" },
    });
    expect(JSON.stringify(lines)).not.toContain("hunter2");
  });

  it("changes a named logger's level at runtime, for the task loggers made from it too", () => {
    const { factory, lines } = capture();
    const named = factory.logger("connector-sdk.sink-task");
    const task = factory.taskLogger(named, { connector: "c", task: 0, secretKeys: ["k"] });
    task.debug("hidden at info");
    expect(factory.loggers.setLevel("connector-sdk", "DEBUG")).toEqual([
      "connector-sdk",
      "connector-sdk.sink-task",
    ]);
    task.debug("shown at debug");
    factory.logger("other").debug("other stays at info");
    expect(lines.map((line) => line.msg)).toEqual(["logger levels changed", "shown at debug"]);
    expect(factory.loggers.level("connector-sdk.sink-task")?.level).toBe("DEBUG");
  });

  it("hands out one logger per name", () => {
    const { factory } = capture();
    expect(factory.logger("a")).toBe(factory.logger("a"));
  });
});
