import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { waitFor } from "@connect-mesh/async";
import { findFreePort } from "@connect-mesh/deploy";
import { startChild } from "../child-process.js";
import { ConnectRest } from "../connect-rest.js";
import { measureFileLatency, measureFileThroughput } from "../file-pipeline.js";
import { KAFKA_CONNECT_VERSION, kafkaConnectClasspath } from "../java-tools.js";
import type { BenchContext, BenchRow } from "./bench-row.js";

/** connect-standalone.sh's heap and kafka-run-class.sh's JVM options: Connect as its scripts start it. */
const CONNECT_JVM = [
  "-Xms256m",
  "-Xmx2g",
  "-server",
  "-XX:+UseG1GC",
  "-XX:MaxGCPauseMillis=20",
  "-XX:InitiatingHeapOccupancyPercent=35",
  "-XX:+ExplicitGCInvokesConcurrent",
  "-Djava.awt.headless=true",
];

/** Connect's own log4j 2 config, in the properties format (the YAML one needs a jar Connect lacks). */
const LOG4J_PROPERTIES = `rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
`;

/**
 * Row C, Kafka Connect itself: one standalone worker (ConnectStandalone) from Maven Central, started once
 * for the whole bench and given the same connectors as row D over the same REST API. Its worker config is
 * config/connect-standalone.properties's; the converters are set on the connectors.
 */
export async function kafkaConnectRow(context: BenchContext): Promise<BenchRow> {
  const classpath = await kafkaConnectClasspath(context.cacheDir, context.progress);
  const home = join(context.workDir, "kafka-connect");
  await mkdir(home, { recursive: true });
  const restPort = await findFreePort();
  const workerProperties = join(home, "connect-standalone.properties");
  await writeFile(
    workerProperties,
    [
      `bootstrap.servers=${context.bootstrap}`,
      "key.converter=org.apache.kafka.connect.json.JsonConverter",
      "value.converter=org.apache.kafka.connect.json.JsonConverter",
      "key.converter.schemas.enable=true",
      "value.converter.schemas.enable=true",
      `offset.storage.file.filename=${join(home, "connect.offsets")}`,
      "offset.flush.interval.ms=10000",
      `listeners=http://127.0.0.1:${restPort}`,
      "",
    ].join("\n"),
  );
  await writeFile(join(home, "log4j2.properties"), LOG4J_PROPERTIES);
  context.progress(`starting Kafka Connect ${KAFKA_CONNECT_VERSION} (standalone) on 127.0.0.1:${restPort}`);
  const connect = await startChild(
    "java",
    [
      ...CONNECT_JVM,
      `-Dlog4j2.configurationFile=${join(home, "log4j2.properties")}`,
      "-cp",
      classpath,
      "org.apache.kafka.connect.cli.ConnectStandalone",
      workerProperties,
    ],
    { cwd: home, logFile: join(home, "connect.log") },
  );
  const restUrl = `http://127.0.0.1:${restPort}`;
  try {
    await waitFor(
      () => fetch(`${restUrl}/`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status),
      (status) => status === 200,
      {
        timeoutMs: 120_000,
        intervalMs: 250,
        description: `Kafka Connect's REST API at ${restUrl}`,
        signal: context.signal,
      },
    );
  } catch (error) {
    await connect.stop();
    throw error;
  }
  const target = { rest: new ConnectRest(restUrl), processes: [{ label: "connect", pid: connect.pid }] };
  return {
    id: "C",
    title: `Kafka Connect ${KAFKA_CONNECT_VERSION} standalone (Java)`,
    measureThroughput: (workload, runId) => measureFileThroughput(context, target, workload, runId),
    measureLatency: (plan, runId) => measureFileLatency(context, target, plan, runId),
    close: () => connect.stop(),
  };
}
