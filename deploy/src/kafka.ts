import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { probeCluster } from "@connect-mesh/kafka";
import type { Health, RunningComponent } from "./component.js";
import type { KafkaInstall } from "./kafka-install.js";
import { runToCompletion, startDetached, tailOf } from "./processes.js";
import { StackError } from "./stack-error.js";
import { requireTool } from "./tools.js";

/** Where a single-node Kafka listens. */
export interface KafkaPorts {
  /** The client listener, 127.0.0.1 only. */
  readonly brokerPort: number;
  /** The KRaft controller listener. */
  readonly controllerPort: number;
}

/**
 * Launches one Kafka node in KRaft combined mode (broker and controller in one process) with its data in
 * `<runDir>/kafka`, formatting the storage on first start. Resolves once the process runs, not once it is
 * ready: the caller records it first, so it can be stopped whatever happens next.
 */
export async function launchKafka(
  install: KafkaInstall,
  runDir: string,
  ports: KafkaPorts,
): Promise<RunningComponent> {
  await requireTool("java", ["-version"], "Apache Kafka runs on Java 17 or newer");
  const home = join(runDir, "kafka");
  const dataDir = join(home, "data");
  await mkdir(home, { recursive: true });
  const properties = join(home, "server.properties");
  await writeFile(properties, serverProperties(ports, dataDir));
  await writeFile(join(home, "log4j2.yaml"), LOG4J_CONFIG);
  const logFile = join(home, "kafka.log");

  if (!existsSync(join(dataDir, "meta.properties"))) {
    const formatted = await runToCompletion(
      "java",
      [
        "-cp",
        install.classpath,
        "kafka.tools.StorageTool",
        "format",
        "--cluster-id",
        newClusterId(),
        "--config",
        properties,
      ],
      { cwd: home, logFile },
    );
    if (formatted !== 0) {
      throw new StackError(`formatting Kafka's storage in ${dataDir} failed; see ${logFile}`, {
        detail: await tailOf(logFile),
      });
    }
  }

  const pid = await startDetached(
    "java",
    [
      "-Xms512m",
      "-Xmx1g",
      "-XX:+UseG1GC",
      `-Dlog4j2.configurationFile=${join(home, "log4j2.yaml")}`,
      `-Dkafka.logs.dir=${home}`,
      "-cp",
      install.classpath,
      "kafka.Kafka",
      properties,
    ],
    { cwd: home, logFile },
  );
  const bootstrap = `127.0.0.1:${ports.brokerPort}`;
  return { name: "kafka", pid, address: bootstrap, logFile, probe: { kind: "kafka", bootstrap } };
}

/** Healthy when the broker answers a metadata request naming itself and a controller. */
export async function checkKafkaHealth(bootstrap: string): Promise<Health> {
  try {
    const cluster = await probeCluster({
      clientId: "cmesh-health",
      brokers: [bootstrap],
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 2_000,
    });
    return cluster.brokers.length > 0 && cluster.controller !== null
      ? { healthy: true }
      : { healthy: false, reason: "the broker answered but has no controller yet" };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64; Kafka avoids ids that start with "-". */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function serverProperties(ports: KafkaPorts, dataDir: string): string {
  return `# Written by cmesh on every start: a single-node KRaft cluster for local development and tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${ports.controllerPort}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:${ports.brokerPort},CONTROLLER://127.0.0.1:${ports.controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${ports.brokerPort}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${dataDir}
num.partitions=1
# One node: every internal topic has one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Consumer groups form at once instead of waiting for more members.
group.initial.rebalance.delay.ms=0
`;
}

const LOG4J_CONFIG = `# Written by cmesh: broker logs at INFO to its log file (stdout is redirected there).
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
`;
