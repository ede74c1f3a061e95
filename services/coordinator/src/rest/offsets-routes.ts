import { waitFor } from "@connect-mesh/async";
import type { ClusterStores, StoredConnector } from "@connect-mesh/cluster-state";
import { parseSinkTopics } from "@connect-mesh/connector-config";
import { DataError } from "@connect-mesh/data";
import { type Admin, type Producer, sinkGroupIdOf } from "@connect-mesh/kafka";
import type { SourceOffsetStore } from "@connect-mesh/source-offsets";
import type { FastifyInstance } from "fastify";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { findConnector, pluginKindOf } from "./connector-lookup.js";
import { withKafkaRetries } from "./kafka-retries.js";
import { RestError, rebalanceInProgress } from "./rest-error.js";
import {
  connectorNameParams,
  connectorNotFoundResponse,
  connectorOffsets,
  errorResponse,
  messageBody,
  responses,
} from "./rest-schemas.js";

/** What the offsets routes need: the cluster state, Kafka clients, and the source offsets topic. */
export interface OffsetsRoutesDeps {
  readonly state: ClusterStores;
  readonly catalog: PluginCatalogWatcher;
  readonly sourceOffsets: SourceOffsetStore;
  /** Connected lazily, so the REST API starts even while Kafka is down. */
  readonly kafka: () => Promise<{ admin: Admin; producer: Producer }>;
}

type NameParams = { name: string };

interface OffsetEntry {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

const unknownKindResponse = errorResponse(
  "No registered service hosts the connector's plugin, so whether it is a source or a sink is unknown",
);
const notStoppedResponse = errorResponse("The connector is not STOPPED");
const busyResponse = errorResponse(
  "The plugin's kind is unknown (no service hosts it), or the connector's tasks are still stopping (a sink's still leaving its consumer group)",
);

/**
 * Kafka Connect's offsets API (KIP-875). Sources keep their offsets in our offsets topic, keyed by the
 * connector's own partitions; sinks in the consumer group `connect-<name>`, as
 * `{kafka_topic, kafka_partition} -> {kafka_offset}`. Changes are allowed only while the connector is
 * STOPPED and every task has stopped (409 until then), so no task can overwrite them.
 */
export function registerOffsetsRoutes(app: FastifyInstance, deps: OffsetsRoutesDeps): void {
  app.get<{ Params: NameParams }>(
    "/connectors/:name/offsets",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: { description: "The connector's committed offsets", ...connectorOffsets },
          404: connectorNotFoundResponse,
          409: unknownKindResponse,
        }),
      },
    },
    async (request) => {
      const connector = await findConnector(deps.state, request.params.name);
      const { admin } = await deps.kafka();
      if ((await kindOf(connector, deps)) === "source") {
        return { offsets: await withKafkaRetries(() => deps.sourceOffsets.readJson(connector.name, admin)) };
      }
      return { offsets: await withKafkaRetries(() => sinkOffsets(connector, admin)) };
    },
  );

  app.delete<{ Params: NameParams }>(
    "/connectors/:name/offsets",
    {
      schema: {
        params: connectorNameParams,
        response: responses({
          200: { description: "Reset: the connector starts over when resumed", ...messageBody },
          400: notStoppedResponse,
          404: connectorNotFoundResponse,
          409: busyResponse,
        }),
      },
    },
    async (request) => {
      const connector = await mustBeStopped(deps.state, request.params.name);
      const { admin, producer } = await deps.kafka();
      if ((await kindOf(connector, deps)) === "source") {
        const stored = await withKafkaRetries(() => deps.sourceOffsets.readJson(connector.name, admin));
        await deps.sourceOffsets.writeJson(
          connector.name,
          stored.map(({ partition }) => ({ partition, offset: null })),
          producer,
        );
      } else {
        await deleteSinkGroup(connector.name, admin);
      }
      return { message: "The offsets for this connector have been reset successfully" };
    },
  );

  app.patch<{ Params: NameParams; Body: { offsets: OffsetEntry[] } }>(
    "/connectors/:name/offsets",
    {
      schema: {
        params: connectorNameParams,
        // The body has the shape GET answers with: what GET shows can be edited and sent back.
        body: connectorOffsets,
        response: responses({
          200: { description: "Altered", ...messageBody },
          400: errorResponse("The connector is not STOPPED, or an offset does not fit the connector's kind"),
          404: connectorNotFoundResponse,
          409: busyResponse,
        }),
      },
    },
    async (request) => {
      const connector = await mustBeStopped(deps.state, request.params.name);
      const { admin, producer } = await deps.kafka();
      if ((await kindOf(connector, deps)) === "source") {
        await alterSourceOffsets(connector.name, request.body.offsets, deps.sourceOffsets, producer);
      } else {
        await alterSinkOffsets(connector.name, request.body.offsets, admin);
      }
      return { message: "The offsets for this connector have been altered successfully" };
    },
  );
}

async function mustBeStopped(state: ClusterStores, name: string): Promise<StoredConnector> {
  const connector = await findConnector(state, name);
  if (connector.targetState !== "STOPPED") {
    throw new RestError(
      400,
      `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
    );
  }
  await waitForTasksToStop(state, name);
  return connector;
}

async function kindOf(connector: StoredConnector, deps: OffsetsRoutesDeps): Promise<"source" | "sink"> {
  const kind = await pluginKindOf(connector, deps.catalog);
  if (!kind) {
    throw new RestError(
      409,
      `no registered service hosts ${connector.config["connector.class"]}, so it is not known whether ${connector.name} is a source or a sink; start its connector service and try again`,
    );
  }
  return kind;
}

/** The topics a sink reads: its `topics` list, or every existing topic its `topics.regex` matches. */
async function sinkTopics(connector: StoredConnector, admin: Admin): Promise<readonly string[]> {
  const selection = parseSinkTopics(connector.config);
  if (selection.kind === "list") return selection.topics;
  if (selection.kind === "invalid") return [];
  return (await admin.listTopics()).filter((topic) => selection.pattern.test(topic));
}

async function sinkOffsets(connector: StoredConnector, admin: Admin) {
  const topics = await sinkTopics(connector, admin);
  const existing = new Set(await admin.listTopics());
  const fetched = await admin.fetchOffsets({
    groupId: sinkGroupIdOf(connector.name),
    topics: topics.filter((t) => existing.has(t)),
  });
  return fetched.flatMap(({ topic, partitions }) =>
    partitions
      // -1 means nothing committed for the partition: Connect leaves it out.
      .filter(({ offset }) => Number(offset) >= 0)
      .map(({ partition, offset }) => ({
        partition: { kafka_topic: topic, kafka_partition: partition },
        offset: { kafka_offset: Number(offset) },
      })),
  );
}

async function deleteSinkGroup(connector: string, admin: Admin): Promise<void> {
  const groupId = sinkGroupIdOf(connector);
  const { groups } = await withKafkaRetries(() => admin.listGroups());
  if (!groups.some((g) => g.groupId === groupId)) return;
  await waitForEmptyGroup(groupId, admin);
  await withKafkaRetries(() => admin.deleteGroups([groupId]));
}

/**
 * How long a stopped connector's tasks may take to stop (a task finishes its batch in hand first), and its
 * sink consumers to leave their group (a crashed one's: its session timeout).
 */
const TASKS_STOPPED_TIMEOUT_MS = 15_000;

/**
 * A stopped connector's tasks stop soon after, each clearing its status when done; until then one could
 * still commit over the change. Wait for that with a deadline, then answer 409 as Connect does mid-rebalance.
 */
async function waitForTasksToStop(state: ClusterStores, name: string): Promise<void> {
  try {
    await waitFor(
      async () => (await state.statuses.readStatuses(name)).tasks.size,
      (running) => running === 0,
      { timeoutMs: TASKS_STOPPED_TIMEOUT_MS, intervalMs: 250, description: `${name}'s tasks to stop` },
    );
  } catch (error) {
    throw rebalanceInProgress(error);
  }
}

/**
 * Kafka refuses to change the offsets of a group that still has members. A stopped connector's tasks leave
 * it within moments (a crashed worker's within its session timeout), so wait for that, with a deadline.
 */
async function waitForEmptyGroup(groupId: string, admin: Admin): Promise<void> {
  try {
    await waitFor(
      async () => (await admin.describeGroups([groupId])).groups[0]?.state ?? "Dead",
      (state) => state === "Empty" || state === "Dead",
      {
        timeoutMs: TASKS_STOPPED_TIMEOUT_MS,
        intervalMs: 250,
        description: `consumer group ${groupId} to be empty`,
      },
    );
  } catch (error) {
    throw new RestError(
      409,
      `the consumer group ${groupId} still has members, so its offsets cannot be changed yet; its tasks are still stopping, try again in a few seconds`,
      { cause: error },
    );
  }
}

/** A source's partitions and offsets are its own JSON, stored as Connect data: what cannot be is refused. */
async function alterSourceOffsets(
  connector: string,
  entries: readonly OffsetEntry[],
  sourceOffsets: SourceOffsetStore,
  producer: Producer,
): Promise<void> {
  try {
    await sourceOffsets.writeJson(connector, entries, producer);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new RestError(
      400,
      `these offsets cannot be stored as Connect data (integers must fit an INT64): ${error.message}`,
      { cause: error },
    );
  }
}

async function alterSinkOffsets(
  connector: string,
  entries: readonly OffsetEntry[],
  admin: Admin,
): Promise<void> {
  const byTopic = new Map<string, { partition: number; offset: string }[]>();
  for (const { partition, offset } of entries) {
    const topic = partition.kafka_topic;
    const number = partition.kafka_partition;
    const kafkaOffset = offset?.kafka_offset;
    if (typeof topic !== "string" || !isWholeNumber(number)) {
      throw new RestError(
        400,
        'each sink partition must be {"kafka_topic": <string>, "kafka_partition": <whole number of 0 or more>}',
      );
    }
    if (!isWholeNumber(kafkaOffset)) {
      throw new RestError(
        400,
        `the offset for ${topic}-${number} must be {"kafka_offset": <whole number of 0 or more>}; to reset a sink's offsets, use DELETE /connectors/${connector}/offsets`,
      );
    }
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition: number, offset: String(kafkaOffset) }]);
  }
  await assertPartitionsExist(byTopic, admin);
  const groupId = sinkGroupIdOf(connector);
  await waitForEmptyGroup(groupId, admin);
  for (const [topic, partitions] of byTopic) {
    await withKafkaRetries(() => admin.setOffsets({ groupId, topic, partitions }));
  }
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Offsets can only be stored for partitions that exist; Kafka would refuse the rest, and only after its
 * client had retried for a while, so a partition that is not there is the caller's mistake, said at once.
 */
async function assertPartitionsExist(
  byTopic: ReadonlyMap<string, readonly { partition: number }[]>,
  admin: Admin,
): Promise<void> {
  const existing = new Set(await withKafkaRetries(() => admin.listTopics()));
  const missing = [...byTopic.keys()].filter((topic) => !existing.has(topic));
  if (missing.length > 0) {
    throw new RestError(
      400,
      `no topic named ${missing.join(", ")}; a sink's offsets can only be set for partitions that exist`,
    );
  }
  const { topics } = await withKafkaRetries(() => admin.fetchTopicMetadata({ topics: [...byTopic.keys()] }));
  for (const { name, partitions } of topics) {
    const known = new Set(partitions.map((p) => p.partitionId));
    const unknown = (byTopic.get(name) ?? []).filter(({ partition }) => !known.has(partition));
    if (unknown.length > 0) {
      throw new RestError(
        400,
        `topic ${name} has no partition ${unknown.map((p) => p.partition).join(", ")}; its partitions are 0 to ${known.size - 1}`,
      );
    }
  }
}
