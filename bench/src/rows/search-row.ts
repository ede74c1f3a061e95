import { ELASTICSEARCH_VERSION } from "@connect-mesh/deploy";
import type { BenchStack } from "../bench-stack.js";
import { ConnectRest } from "../connect-rest.js";
import { checkIndex } from "../index-check.js";
import { createBenchTopic, deleteBenchTopic } from "../kafka-topics.js";
import { startSampler } from "../measurement.js";
import type { SearchPlan } from "../options.js";
import { readProcTree } from "../proc-tree.js";
import type { ProcessUsage, SampledProcess } from "../process-sampler.js";
import type { CopyRun } from "../results.js";
import { waitForRowCount } from "../row-count-wait.js";
import { searchSinkConfig } from "../search-connector-config.js";
import { SearchEngineRest } from "../search-engine-rest.js";
import { fillSearchTopic } from "../search-topic-fill.js";
import type { BenchContext } from "./bench-row.js";

/** Row F: the search sink connector indexing a topic into Elasticsearch through the bench's stack. */
export interface SearchRow {
  readonly id: "F";
  readonly title: string;
  /** `runId` is unique in the bench run; the topic, the index and the connector are named after it. */
  measure(plan: SearchPlan, runId: string): Promise<CopyRun>;
  /** Nothing stays open between runs; here for the bench's one way of stopping rows. */
  close(): Promise<void>;
}

/** The stack's components sampled in row F besides the broker and the workers, under the names the tables use. */
const SAMPLED = [
  ["connector-search", "search service"],
  ["coordinator", "coordinator"],
  ["etcd", "etcd"],
] as const;

/**
 * Row F, Kafka → Elasticsearch: connect-mesh (coordinator, worker and the TypeScript search connector
 * service) given Confluent's ElasticsearchSinkConnector config over the REST API, on the bench's own stack
 * started with Elasticsearch. Each run fills a topic of its own beforehand, times the indexing until the
 * index counts every record, then checks the refreshed index's count and ids.
 */
export function searchRow(context: BenchContext, stack: BenchStack): SearchRow {
  const engineUrl = `http://127.0.0.1:${stack.config.elasticsearchPort}`;
  const setting: RunSetting = {
    context,
    stack,
    rest: new ConnectRest(stack.restUrl),
    engine: new SearchEngineRest(engineUrl),
    engineUrl,
  };
  return {
    id: "F",
    title: `Kafka → Elasticsearch ${ELASTICSEARCH_VERSION}: connect-mesh + search sink (Node)`,
    measure: (plan, runId) => measureSearchRun(setting, plan, runId),
    close: async () => {},
  };
}

interface RunSetting {
  readonly context: BenchContext;
  readonly stack: BenchStack;
  readonly rest: ConnectRest;
  readonly engine: SearchEngineRest;
  readonly engineUrl: string;
}

/** One run's names, after its id: the topic, the index the sink names after it, the connector. */
function runNames(runId: string) {
  const topic = `bench-search-${runId.replaceAll(/[^a-z0-9-]/gi, "-").toLowerCase()}`;
  // The sink's index is its topic's name lower-cased (Confluent's rule), which this topic already is.
  return { topic, index: topic, sink: `bench-${runId}-search-sink` };
}

async function measureSearchRun(setting: RunSetting, plan: SearchPlan, runId: string): Promise<CopyRun> {
  const { context, engine } = setting;
  const names = runNames(runId);
  try {
    await createBenchTopic(context.admin, names.topic);
    const produceStartedAt = performance.now();
    await fillSearchTopic(context.kafka, names.topic, plan.documents, context.signal);
    const produceSeconds = (performance.now() - produceStartedAt) / 1000;
    context.progress(
      `  produced ${plan.documents} records into topic ${names.topic} in ${produceSeconds.toFixed(1)} s`,
    );
    const indexing = await timeIndexing(setting, names, plan);
    // What the timing counted was as of a scheduled refresh; the check counts after one of its own.
    await engine.refresh(names.index);
    const verification = checkIndex(
      plan.documents,
      await engine.count(names.index),
      await engine.idStats(names.index),
    );
    return {
      records: plan.documents,
      seconds: indexing.seconds,
      recordsPerSec: plan.documents / indexing.seconds,
      processes: indexing.processes,
      verification,
      notes: { produceSeconds, ...indexing.timeline },
    };
  } finally {
    await cleanUp(setting, names);
  }
}

/**
 * Creates the connector and waits until the index counts every record, sampling the processes meanwhile;
 * then deletes the connector, so that nothing writes while the index is checked.
 */
async function timeIndexing(
  setting: RunSetting,
  names: ReturnType<typeof runNames>,
  plan: SearchPlan,
): Promise<{ seconds: number; processes: readonly ProcessUsage[]; timeline: Record<string, number> }> {
  const { context, stack, rest, engine } = setting;
  const sampler = await startSampler(context, sampledProcesses(stack));
  try {
    const startedAt = Date.now();
    await rest.createConnector(
      names.sink,
      searchSinkConfig({ engineUrl: setting.engineUrl, topic: names.topic }),
    );
    const counted = await waitForRowCount({
      count: () => engine.count(names.index),
      expected: plan.documents,
      failureOf: () => rest.failureOf(names.sink),
      description: `Elasticsearch index ${names.index}`,
      unit: "documents",
      connectorService: "connector-search",
      // A minute to start, then at least 500 documents/s; a slower run is broken, not slow.
      timeoutMs: 60_000 + plan.documents * 2,
      signal: context.signal,
    }).catch(async (error: unknown) => {
      const status = await rest.statusOf(names.sink).catch((failure: unknown) => String(failure));
      context.progress(`  GET /connectors/${names.sink}/status: ${JSON.stringify(status)}`);
      throw error;
    });
    const processes = await sampler.stop();
    await rest.deleteConnector(names.sink);
    const after = (ms: number) => (ms - startedAt) / 1000;
    return {
      seconds: after(counted.allRowsAt),
      processes,
      timeline: { firstDocumentsSeconds: after(counted.firstRowsAt) },
    };
  } finally {
    await sampler.stop();
  }
}

/**
 * The processes to sample, their pids looked up now (the tracing runs restart the worker). Elasticsearch is
 * read as a tree: its start script execs the JVM, but a plugin may run a native process beside it.
 */
function sampledProcesses(stack: BenchStack): SampledProcess[] {
  return [
    ...stack.workerProcesses(),
    ...SAMPLED.map(([component, label]) => ({ label, pid: stack.pidOf(component) })),
    { label: "Elasticsearch", pid: stack.pidOf("elasticsearch"), read: (pid: number) => readProcTree(pid) },
  ];
}

/** Leaves nothing behind, whether the run finished or failed: the connector, the topic and the index. */
async function cleanUp(setting: RunSetting, names: ReturnType<typeof runNames>): Promise<void> {
  const { context, rest, engine } = setting;
  const warn = (what: string) => (error: unknown) =>
    context.progress(`  could not ${what}: ${String(error)}`);
  await rest.deleteConnector(names.sink).catch(warn(`delete connector ${names.sink}`));
  await deleteBenchTopic(context.admin, names.topic).catch(warn(`delete topic ${names.topic}`));
  await engine.deleteIndex(names.index).catch(warn(`delete index ${names.index}`));
}
