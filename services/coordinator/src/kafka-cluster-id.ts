import { Kafka, logLevel } from "kafkajs";

/**
 * Kafka's cluster id for `GET /`, asked once and remembered; undefined (and asked again next time) while
 * Kafka cannot be reached, so the REST API never waits on Kafka for long.
 */
export function kafkaClusterIdLookup(bootstrap: string): () => Promise<string | undefined> {
  let clusterId: string | undefined;
  return async () => {
    if (clusterId !== undefined) return clusterId;
    const admin = new Kafka({
      clientId: "connect-mesh-coordinator",
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      clusterId = (await admin.describeCluster()).clusterId;
      return clusterId;
    } catch {
      return undefined;
    } finally {
      await admin.disconnect();
    }
  };
}
