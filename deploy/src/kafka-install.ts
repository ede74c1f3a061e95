import { installFromMaven } from "./maven-install.js";
import type { Progress } from "./progress.js";
import { KAFKA_SCALA_VERSION, KAFKA_VERSION } from "./versions.js";

/** A Kafka broker's jars, ready to put on a classpath. */
export interface KafkaInstall {
  readonly version: string;
  /** The classpath: every jar of the broker and its dependencies. */
  readonly classpath: string;
}

/** Fetches Apache Kafka's broker jars from Maven Central into `<cacheDir>/kafka-<version>` once. */
export async function installKafka(cacheDir: string, progress: Progress): Promise<KafkaInstall> {
  const classpath = await installFromMaven(
    cacheDir,
    {
      name: `kafka-${KAFKA_VERSION}`,
      description: `Apache Kafka ${KAFKA_VERSION}`,
      artifacts: [
        { groupId: "org.apache.kafka", artifactId: `kafka_${KAFKA_SCALA_VERSION}`, version: KAFKA_VERSION },
      ],
    },
    progress,
  );
  return { version: KAFKA_VERSION, classpath };
}

/**
 * The classpath of Kafka's own command-line tools at the broker's version (the console consumer, the
 * performance tools), fetched from Maven Central into `<cacheDir>/kafka-tools-<version>` once.
 */
export function installKafkaTools(cacheDir: string, progress: Progress): Promise<string> {
  return installFromMaven(
    cacheDir,
    {
      name: `kafka-tools-${KAFKA_VERSION}`,
      description: `Apache Kafka's tools ${KAFKA_VERSION}`,
      artifacts: [{ groupId: "org.apache.kafka", artifactId: "kafka-tools", version: KAFKA_VERSION }],
    },
    progress,
  );
}
