import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { downStack, findFreePort, stackConfigFromEnv, upStack } from "@connect-mesh/deploy";
import type { TestProject } from "vitest/node";
import "./stack-context.js";

/**
 * Starts the real stack (Kafka and etcd) once for the integration run, on free ports and in a fresh run
 * directory, so it never collides with a developer's `cmesh up`. To reuse a stack that already runs, set
 * CONNECT_MESH_TEST_KAFKA_BOOTSTRAP and CONNECT_MESH_TEST_ETCD_ENDPOINT.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const reusedKafka = process.env.CONNECT_MESH_TEST_KAFKA_BOOTSTRAP;
  const reusedEtcd = process.env.CONNECT_MESH_TEST_ETCD_ENDPOINT;
  if (reusedKafka && reusedEtcd) {
    project.provide("kafkaBootstrap", reusedKafka);
    project.provide("etcdEndpoint", reusedEtcd);
    return undefined;
  }

  const runDir = await mkdtemp(join(tmpdir(), "connect-mesh-test-"));
  const config = stackConfigFromEnv(process.env, {
    runDir,
    kafkaPort: await findFreePort(),
    kafkaControllerPort: await findFreePort(),
    etcdPort: await findFreePort(),
    etcdPeerPort: await findFreePort(),
  });
  await upStack(config, (line) => process.stderr.write(`[test stack] ${line}\n`));
  project.provide("kafkaBootstrap", `127.0.0.1:${config.kafkaPort}`);
  project.provide("etcdEndpoint", `http://127.0.0.1:${config.etcdPort}`);
  return async () => {
    await downStack(config);
    await rm(runDir, { recursive: true, force: true });
  };
}
