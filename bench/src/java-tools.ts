import { installFromMaven, type Progress } from "@connect-mesh/deploy";

/**
 * The Kafka Connect the bench runs for row C. Connect and the broker would share 4.4.0, but Maven Central
 * has no org.apache.kafka:connect-file 4.4.0 (its newest is 4.3.1, while connect-runtime and connect-json
 * have 4.4.0), and connect-file 4.3.1 does not load in a 4.4.0 runtime (4.4.0 moved AppInfoParser, which
 * its version() calls). So row C runs Connect 4.3.1 whole, a client of the 4.4.0 broker.
 */
export const KAFKA_CONNECT_VERSION = "4.3.1";

const kafka = (artifactId: string, version: string) => ({ groupId: "org.apache.kafka", artifactId, version });

/** The classpath of Kafka Connect with its file connectors and JsonConverter. */
export function kafkaConnectClasspath(cacheDir: string, progress: Progress): Promise<string> {
  return installFromMaven(
    cacheDir,
    {
      name: `connect-${KAFKA_CONNECT_VERSION}`,
      description: `Kafka Connect ${KAFKA_CONNECT_VERSION}`,
      artifacts: [
        kafka("connect-runtime", KAFKA_CONNECT_VERSION),
        kafka("connect-json", KAFKA_CONNECT_VERSION),
        kafka("connect-file", KAFKA_CONNECT_VERSION),
      ],
    },
    progress,
  );
}
