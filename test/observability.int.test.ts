import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { EtcdCoordinationStore, type ServiceInstance, ServiceRegistry } from "@connect-mesh/coordination";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cmesh, traceOfFirstDeadLetter } from "./cmesh.js";
import { appendLines, lineText, waitForDistinctLines } from "./files.js";
import { producerSuite } from "./producer-suite.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const baseDir = inject("baseDir");
const jaegerQueryUrl = inject("jaegerQueryUrl");
const etcdEndpoint = inject("etcdEndpoint");
const kafkaBootstrap = inject("kafkaBootstrap");

const { producer, created } = producerSuite("observability-test");
let store: EtcdCoordinationStore;
let registry: ServiceRegistry;

beforeAll(() => {
  store = new EtcdCoordinationStore([etcdEndpoint]);
  registry = new ServiceRegistry(store, "/connect-mesh/local");
});
afterAll(async () => {
  await store.close();
});

/** A file source and sink on a topic of their own, with some lines already flowing. */
async function startPipeline(lines: number) {
  const id = randomUUID().slice(0, 8);
  const names = { source: `obs-source-${id}`, sink: `obs-sink-${id}`, topic: `obs-topic-${id}` };
  const input = join(baseDir, `obs-input-${id}.txt`);
  await appendLines(input, 0, lines);
  for (const [name, config] of [
    [names.source, { "connector.class": "FileStreamSource", file: input, topic: names.topic }],
    [
      names.sink,
      {
        "connector.class": "FileStreamSink",
        file: join(baseDir, `obs-output-${id}.txt`),
        topics: names.topic,
      },
    ],
  ] as const) {
    const answer = await rest(restUrl, "POST", "/connectors", { name, config });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    created.push(name);
  }
  return { names, input };
}

async function scrape(instance: ServiceInstance): Promise<string> {
  const response = await fetch(`http://${instance.metricsAddress}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The sum of a metric's samples for one connector in a Prometheus text scrape. */
function sumOf(text: string, metric: string, connector: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(`${metric}{`) && line.includes(`connector="${connector}"`))
      sum += Number(line.split(" ").at(-1));
  }
  return sum;
}

describe("metrics", () => {
  it("has the worker, the coordinator and the file service advertise /metrics in the registry and serve it", async () => {
    const instances = await registry.list();
    for (const [type, id] of [
      ["worker", "worker-1"],
      ["coordinator", "coordinator-1"],
      ["connector", "file-1"],
    ]) {
      const instance = instances.find((i) => i.serviceType === type && i.instanceId === id);
      expect(instance?.metricsAddress, `${type} ${id}`).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(await scrape(instance as ServiceInstance)).toContain("process_cpu_seconds_total");
    }
  });

  it("has the coordinator count a connector's tasks by state", async () => {
    const { names } = await startPipeline(10);
    const [coordinator] = await registry.list("coordinator");
    await waitFor(
      async () =>
        sumOf(
          await scrape(coordinator as ServiceInstance),
          "kafka_connect_connect_worker_connector_running_task_count",
          names.source,
        ),
      (running) => running === 1,
      { timeoutMs: 30_000, description: "the coordinator to count the source's running task" },
    );
  });

  it("shows a running worker's source and sink counters and lag moving, and cmesh top shows the rates", async () => {
    const { names, input } = await startPipeline(1_000);
    const [worker] = await registry.list("worker");
    const polled = () =>
      scrape(worker as ServiceInstance).then((t) =>
        sumOf(t, "kafka_connect_source_task_source_record_poll_total", names.source),
      );
    const first = await waitFor(polled, (n) => n > 0, { timeoutMs: 30_000, description: "records polled" });
    await appendLines(input, 1_000, 3_000);
    await waitFor(polled, (n) => n > first, { timeoutMs: 30_000, description: "the poll counter to move" });
    // The lag is set once the sink commits its first batch, a moment after it read it.
    const lagLine = new RegExp(
      `connect_mesh_sink_task_consumer_lag_records\\{[^}]*connector="${names.sink}"`,
    );
    const text = await waitFor(
      () => scrape(worker as ServiceInstance),
      (scraped) => lagLine.test(scraped),
      { timeoutMs: 30_000, description: "the sink task's consumer lag to be reported" },
    );
    expect(sumOf(text, "kafka_connect_sink_task_sink_record_read_total", names.sink)).toBeGreaterThan(0);
    // Every written record's source-to-sink latency is observed.
    expect(
      sumOf(text, "connect_mesh_sink_task_end_to_end_latency_seconds_count", names.sink),
    ).toBeGreaterThan(0);

    const appending = appendLines(input, 3_000, 60_000, 500);
    const top = await cmesh("top", "--once", "--interval", "2", "--etcd", etcdEndpoint);
    await appending;
    expect(top.code, top.stderr).toBe(0);
    const row = top.stdout.split("\n").find((line) => line.startsWith(names.source));
    expect(Number(row?.split(/\s+/)[2])).toBeGreaterThan(0);
  });
});

describe("cmesh trace", () => {
  it("finds the stack's spans in Jaeger: the file service's read spans arrive", async () => {
    await startPipeline(5);
    await waitFor(
      async () =>
        ((await (await fetch(`${jaegerQueryUrl}/api/services`)).json()) as { data: string[] | null }).data ??
        [],
      (services) => services.includes("connector-file"),
      { timeoutMs: 30_000, description: "Jaeger to list the file service" },
    );
  });

  it("prints a file pipeline record's journey across the file service and the worker, in causal order", async () => {
    const { names } = await startPipeline(20);
    const hops = ["source read record", "produce", "consume", "sink write record"];
    const traced = await waitFor(
      () =>
        cmesh("trace", `${names.topic}:0:3`, "--bootstrap", kafkaBootstrap, "--jaeger-url", jaegerQueryUrl),
      (result) => result.code === 0 && hops.every((hop) => result.stdout.includes(hop)),
      { timeoutMs: 45_000, description: "cmesh trace to show every hop" },
    );
    const lines = traced.stdout.split("\n");
    const at = hops.map((hop) => lines.findIndex((line) => line.includes(`─ ${hop} `)));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(lines[at[0] ?? 0]).toContain("[connector-file/file-1]");
    expect(lines[at[1] ?? 0]).toContain("[worker/worker-1]");
    expect(lines[at[2] ?? 0]).toContain("[worker/worker-1]");
    expect(lines[at[3] ?? 0]).toContain("[connector-file/file-1]");
  });

  it("leads from a poison record's DLQ copy to its trace, the failing hop marked with the error", async () => {
    const id = randomUUID().slice(0, 8);
    const names = { sink: `obs-dlq-sink-${id}`, topic: `obs-dlq-in-${id}`, dlq: `obs-dlq-${id}` };
    const response = await rest(restUrl, "POST", "/connectors", {
      name: names.sink,
      config: {
        "connector.class": "FileStreamSink",
        file: join(baseDir, `obs-dlq-out-${id}.txt`),
        topics: names.topic,
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter.schemas.enable": "false",
        "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": names.dlq,
        "errors.deadletterqueue.context.headers.enable": "true",
        // No record is sampled: only the failing one is traced, because a failure always is.
        "trace.sampling.ratio": "0",
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created.push(names.sink);
    await producer.send({
      topic: names.topic,
      messages: [{ value: '{"ok": 1}' }, { value: "{this is not json" }, { value: '{"ok": 2}' }],
    });

    const { lines, failedHop: failed } = await traceOfFirstDeadLetter(names.sink, "convert", {
      restUrl,
      bootstrap: kafkaBootstrap,
      jaegerQueryUrl,
    });
    // The value converter's hop failed, says why, and the dead letter hop follows it.
    const printed = lines.join("\n");
    expect(failed, printed).toBeGreaterThan(-1);
    expect(lines[failed]).toContain("[worker/worker-1]");
    expect(lines[failed + 1]?.trim(), printed).toMatch(/^error: .*JSON/i);
    expect(lines.findIndex((line) => line.includes("─ dead letter "))).toBeGreaterThan(failed);
  });

  it("continues the traces of a few traced records among untraced ones, and writes every line in order", async () => {
    const id = randomUUID().slice(0, 8);
    const names = { sink: `obs-mixed-sink-${id}`, topic: `obs-mixed-${id}` };
    const output = join(baseDir, `obs-mixed-out-${id}.txt`);
    // Two traced records (as a sampled source batch leaves them) between stretches long enough to travel
    // packed: the sink task cuts the batch around them, and must keep the order and both traces.
    const traceIds = [randomUUID(), randomUUID()].map((uuid) => uuid.replaceAll("-", ""));
    const messages = [
      ...Array.from({ length: 250 }, (_, n) => ({ value: lineText(n) })),
      ...traceIds.map((traceId, n) => ({
        value: lineText(250 + n),
        headers: { traceparent: `00-${traceId}-${traceId.slice(0, 16)}-01` },
      })),
      ...Array.from({ length: 250 }, (_, n) => ({ value: lineText(252 + n) })),
    ];
    await producer.send({ topic: names.topic, messages });
    const response = await rest(restUrl, "POST", "/connectors", {
      name: names.sink,
      config: {
        "connector.class": "FileStreamSink",
        file: output,
        topics: names.topic,
        "value.converter": "org.apache.kafka.connect.storage.StringConverter",
        // Only the records that carry a sampled trace are traced.
        "trace.sampling.ratio": "0",
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created.push(names.sink);

    expect(await waitForDistinctLines(output, messages.length, 45_000)).toEqual(
      messages.map(({ value }) => value),
    );
    for (const offset of [250, 251]) {
      const traced = await waitFor(
        () =>
          cmesh(
            "trace",
            `${names.topic}:0:${offset}`,
            "--bootstrap",
            kafkaBootstrap,
            "--jaeger-url",
            jaegerQueryUrl,
          ),
        (result) => result.code === 0 && result.stdout.includes("sink write record"),
        { timeoutMs: 45_000, description: `cmesh trace to show offset ${offset}'s sink hop` },
      );
      expect(traced.stdout).toContain(traceIds[offset - 250]);
      expect(traced.stdout).toContain("─ consume ");
    }
  });

  it("says a record without a trace context has none, and exits 1", async () => {
    const result = await cmesh(
      "trace",
      "no-such-topic-here:0:0",
      "--bootstrap",
      kafkaBootstrap,
      "--jaeger-url",
      jaegerQueryUrl,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cmesh: /);
  });
});
