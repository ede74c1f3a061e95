import { probeCluster } from "@connect-mesh/kafka";

/**
 * Kafka's cluster id for `GET /`, asked once and remembered; undefined (and asked again next time) while
 * Kafka cannot be reached, so the REST API never waits on Kafka for long.
 */
export function kafkaClusterIdLookup(brokers: readonly string[]): () => Promise<string | undefined> {
  let clusterId: string | undefined;
  return async () => {
    if (clusterId !== undefined) return clusterId;
    try {
      const cluster = await probeCluster({
        clientId: "connect-mesh-coordinator",
        brokers: [...brokers],
        connectionTimeoutMs: 2_000,
      });
      clusterId = cluster.clusterId;
      return clusterId;
    } catch {
      return undefined;
    }
  };
}
