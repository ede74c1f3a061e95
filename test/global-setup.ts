import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { downStack, findFreePort, stackConfigFromEnv, upStack } from "@connect-mesh/deploy";
import type { TestProject } from "vitest/node";
import "./stack-context.js";

/**
 * Starts the real stack (Jaeger, etcd, Kafka, MariaDB, PostgreSQL, the connector services, the coordinator
 * and a worker) once for the integration run, tracing on so tests can follow a record's trace through
 * Jaeger's query API. It runs on free ports and in a fresh run directory, so it never collides with a
 * developer's `cmesh up`. The services run from their TypeScript sources, so the tests never run a stale
 * build.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A departed worker's tasks wait 3 s for it instead of Connect's 5 min, so the failover tests see them move.
  process.env.CONNECT_MESH_SCHEDULED_REBALANCE_MAX_DELAY_MS ??= "3000";
  const runDir = await mkdtemp(join(tmpdir(), "connect-mesh-test-"));
  const baseDir = join(runDir, "files");
  await mkdir(baseDir);
  const config = stackConfigFromEnv(process.env, {
    runDir,
    baseDir,
    runFromSource: true,
    kafkaPort: await findFreePort(),
    kafkaControllerPort: await findFreePort(),
    etcdPort: await findFreePort(),
    etcdPeerPort: await findFreePort(),
    restPort: await findFreePort(),
    tracing: true,
    otlpPort: await findFreePort(),
    jaegerQueryPort: await findFreePort(),
    withComponents: ["mariadb", "postgres"],
    mariadbPort: await findFreePort(),
    postgresPort: await findFreePort(),
    // The failover tests kill services and start them again themselves; a supervisor would race them.
    restartCrashed: false,
  });
  const up = await upStack(config, (line) => process.stderr.write(`[test stack] ${line}\n`));
  const queryUrl = up.state.tracing?.queryUrl;
  if (queryUrl === undefined) throw new Error("the test stack started without Jaeger, though tracing is on");
  project.provide("kafkaBootstrap", `127.0.0.1:${config.kafkaPort}`);
  project.provide("etcdEndpoint", `http://127.0.0.1:${config.etcdPort}`);
  project.provide("restUrl", `http://127.0.0.1:${config.restPort}`);
  project.provide("jaegerQueryUrl", queryUrl);
  project.provide("baseDir", baseDir);
  project.provide("runDir", runDir);
  project.provide("cacheDir", config.cacheDir);
  project.provide("mariadbPort", config.mariadbPort);
  project.provide("postgresPort", config.postgresPort);
  return async () => {
    await downStack(config);
    await rm(runDir, { recursive: true, force: true });
  };
}
