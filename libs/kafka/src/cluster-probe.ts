import { Kafka } from "kafkajs";
import type { Admin, ClusterDescription } from "./admin.js";
import { type ProbeOptions, probeConfigOf } from "./client-profiles.js";

/**
 * Asks a cluster to describe itself, once, with a client of its own that logs nothing and does not retry:
 * for health checks and lookups that must not wait on Kafka for long. Throws when Kafka does not answer.
 */
export async function probeCluster(options: ProbeOptions): Promise<ClusterDescription> {
  const admin: Admin = new Kafka(probeConfigOf(options)).admin();
  try {
    await admin.connect();
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
