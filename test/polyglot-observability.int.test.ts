import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { EtcdCoordinationStore, ServiceRegistry } from "@connect-mesh/coordination";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { HttpReceiver } from "./http-receiver.js";
import { rest } from "./rest-client.js";
import "./stack-context.js";

const restUrl = inject("restUrl");
const jaegerQueryUrl = inject("jaegerQueryUrl");
const created: string[] = [];
const receivers: HttpReceiver[] = [];
let store: EtcdCoordinationStore;
let registry: ServiceRegistry;

beforeAll(() => {
  store = new EtcdCoordinationStore([inject("etcdEndpoint")]);
  registry = new ServiceRegistry(store, "/connect-mesh/local");
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  for (const name of created.splice(0)) await rest(restUrl, "DELETE", `/connectors/${name}`);
  for (const receiver of receivers.splice(0)) await receiver.stop();
});

/** What Jaeger's query API answers for one trace (the parts checked here). */
interface JaegerTrace {
  readonly spans: readonly {
    readonly spanID: string;
    readonly operationName: string;
    readonly processID: string;
    readonly references: readonly { readonly refType: string; readonly spanID: string }[];
  }[];
  readonly processes: Record<string, { readonly serviceName: string }>;
}

/** The `traceparent` header of the first record in `topic`, as the worker produced it. */
async function firstTraceparent(topic: string): Promise<string> {
  const kafka = new Kafka({ brokers: [inject("kafkaBootstrap")], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `polyglot-trace-${randomUUID()}` });
  let traceparent: string | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        traceparent ??= message.headers?.traceparent?.toString();
      },
    });
    return await waitFor(
      () => traceparent,
      (found) => found !== undefined,
      { timeoutMs: 30_000, description: `a record with a traceparent header in ${topic}` },
    ).then(String);
  } finally {
    await consumer.disconnect();
  }
}

/** Each span's name and service, walking up from `name` through its CHILD_OF parents to the trace's root. */
function ancestryOf(trace: JaegerTrace, name: string): string[] {
  const byId = new Map(trace.spans.map((span) => [span.spanID, span]));
  const path: string[] = [];
  let span = trace.spans.find((s) => s.operationName === name);
  while (span !== undefined) {
    path.push(`${span.operationName} [${trace.processes[span.processID]?.serviceName}]`);
    const parent = span.references.find((r) => r.refType === "CHILD_OF");
    span = parent === undefined ? undefined : byId.get(parent.spanID);
  }
  return path.reverse();
}

describe("telemetry in the Go and Python connector services", () => {
  it("advertises and serves /metrics for the Go datagen and the Python HTTP sink services", async () => {
    const connectors = await registry.list("connector");
    for (const id of ["datagen-1", "http-1"]) {
      const instance = connectors.find((i) => i.instanceId === id);
      expect(instance?.metricsAddress, id).toMatch(/^127\.0\.0\.1:\d+$/);
      const response = await fetch(`http://${instance?.metricsAddress}/metrics`);
      expect(response.status, id).toBe(200);
      expect(await response.text(), id).toContain("process_cpu_seconds_total");
    }
  });

  it("follows a record from the Go source through the worker to the Python sink in one trace", async () => {
    const receiver = await HttpReceiver.start();
    receivers.push(receiver);
    const id = randomUUID().slice(0, 8);
    const topic = `traced-datagen-${id}`;
    for (const [name, config] of [
      [
        `datagen-${id}`,
        { "connector.class": "DatagenSource", topic, count: "20", "batch.size": "10", seed: "3" },
      ],
      [`http-${id}`, { "connector.class": "HttpSink", topics: topic, "http.url": receiver.url }],
    ] as const) {
      const answer = await rest(restUrl, "POST", "/connectors", { name, config });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      created.push(name);
    }
    // Once records reach the receiver, the topic exists and the sink side has run.
    await waitFor(
      () => receiver.records.length,
      (count) => count >= 20,
      { timeoutMs: 60_000, description: "20 records at the receiver" },
    );
    const traceparent = await firstTraceparent(topic);
    const traceId = traceparent.split("-")[1];

    // Spans leave each process every few seconds; wait until the sink's last hop is in.
    const trace = await waitFor(
      async () => {
        const response = await fetch(`${jaegerQueryUrl}/api/traces/${traceId}`);
        if (response.status !== 200) return undefined;
        return ((await response.json()) as { data?: JaegerTrace[] }).data?.[0];
      },
      (found) => found?.spans.some((s) => s.operationName === "sink write record") === true,
      { timeoutMs: 60_000, description: `trace ${traceId} to hold the sink write record span` },
    );
    const path = ancestryOf(trace as JaegerTrace, "sink write record");
    expect(path[0], path.join(" > ")).toBe("source read record [connector-datagen]");
    expect(path.at(-1)).toBe("sink write record [connector-http-python]");
    const hops = path.map((hop) => hop.split(" [")[0]);
    for (const [earlier, later] of [
      ["source read record", "produce"],
      ["produce", "consume"],
      ["consume", "sink write record"],
    ]) {
      expect(hops.indexOf(earlier ?? ""), path.join(" > ")).toBeLessThan(hops.indexOf(later ?? ""));
      expect(hops.indexOf(earlier ?? "")).toBeGreaterThanOrEqual(0);
    }
    expect(path.filter((hop) => hop.endsWith("[worker]")).length).toBeGreaterThanOrEqual(2);
  });
});
