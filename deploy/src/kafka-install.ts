import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runToCompletion, tailOf } from "./processes.js";
import { type Progress, reportSlowStep } from "./progress.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";
import { KAFKA_SCALA_VERSION, KAFKA_VERSION, LOG4J_VERSION, SLF4J_VERSION } from "./versions.js";

/** A Kafka broker's jars, ready to put on a classpath. */
export interface KafkaInstall {
  readonly version: string;
  /** The classpath: every jar of the broker and its dependencies. */
  readonly classpath: string;
}

/**
 * Fetches Apache Kafka's broker jars from Maven Central into `<cacheDir>/kafka-<version>` once; later calls
 * find them there. A marker file written last means a half-finished fetch is never taken for a whole one.
 */
export async function installKafka(cacheDir: string, progress: Progress): Promise<KafkaInstall> {
  const home = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  const libs = join(home, "libs");
  const classpath = `${libs}/*`;
  const marker = join(home, ".complete");
  if (existsSync(marker)) return { version: KAFKA_VERSION, classpath };

  await requireTool("mvn", ["--version"], "Maven is needed once to fetch Kafka's jars from Maven Central");
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await writeFile(join(home, "pom.xml"), kafkaPom());
  const logFile = join(home, "fetch.log");
  const exitCode = await reportSlowStep(
    progress,
    `fetching Apache Kafka ${KAFKA_VERSION} from Maven Central (first run only)`,
    () =>
      runToCompletion(
        "mvn",
        [
          "--batch-mode",
          "--no-transfer-progress",
          "dependency:copy-dependencies",
          `-DoutputDirectory=${libs}`,
        ],
        { cwd: home, logFile },
      ),
  );
  if (exitCode !== 0) {
    throw new StackError(
      `could not fetch Apache Kafka ${KAFKA_VERSION} from Maven Central (mvn exited ${exitCode}); is the registry reachable? Full log: ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
  await writeFile(marker, new Date().toISOString());
  return { version: KAFKA_VERSION, classpath };
}

/** A pom whose only job is to name the broker's artifacts, so Maven resolves their whole dependency tree. */
function kafkaPom(): string {
  const dependency = (groupId: string, artifactId: string, version: string) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by connect-mesh's deploy package to fetch the Kafka broker's jars; not a build. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.connect-mesh.local</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependency("org.apache.kafka", `kafka_${KAFKA_SCALA_VERSION}`, KAFKA_VERSION)}
${dependency("org.slf4j", "slf4j-api", SLF4J_VERSION)}
${dependency("org.apache.logging.log4j", "log4j-slf4j2-impl", LOG4J_VERSION)}
  </dependencies>
</project>
`;
}
