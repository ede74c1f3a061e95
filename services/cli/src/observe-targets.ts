import { readStackState, type StackConfig, stackConfigFromEnv } from "@connect-mesh/deploy";

/** Where `cmesh trace` and `cmesh top` find Kafka, the service registry and Jaeger. */
export interface ObserveTargets {
  readonly kafkaBootstrap: readonly string[];
  readonly etcdEndpoints: readonly string[];
  readonly cluster: string;
  readonly jaegerUrl: string;
}

/** What the command line gave. */
export interface ObserveFlags {
  readonly bootstrap?: string;
  readonly etcd?: string;
  readonly jaegerUrl?: string;
  readonly overrides: Partial<StackConfig>;
}

/**
 * The targets, the first that is set winning: the flag (--bootstrap, --etcd, --jaeger-url); the
 * environment (CONNECT_MESH_KAFKA_BOOTSTRAP, CONNECT_MESH_ETCD_ENDPOINTS, CONNECT_MESH_JAEGER_URL); what
 * `cmesh up` recorded in the run directory's stack.json; the stack's default ports on 127.0.0.1.
 */
export async function observeTargetsFrom(
  env: NodeJS.ProcessEnv,
  flags: ObserveFlags,
): Promise<ObserveTargets> {
  const config = stackConfigFromEnv(env, flags.overrides);
  const recorded = await readStackState(config.runDir);
  const pick = (...choices: (string | undefined)[]) => choices.find((c) => c !== undefined && c !== "");
  const list = (text: string) =>
    text
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
  return {
    kafkaBootstrap: list(
      pick(flags.bootstrap, env.CONNECT_MESH_KAFKA_BOOTSTRAP, recorded?.mesh?.kafkaBootstrap) ??
        `127.0.0.1:${config.kafkaPort}`,
    ),
    etcdEndpoints: list(
      pick(flags.etcd, env.CONNECT_MESH_ETCD_ENDPOINTS, recorded?.mesh?.etcdUrl) ??
        `http://127.0.0.1:${config.etcdPort}`,
    ),
    cluster: pick(env.CONNECT_MESH_CLUSTER, recorded?.mesh?.cluster) ?? config.cluster,
    jaegerUrl:
      pick(flags.jaegerUrl, env.CONNECT_MESH_JAEGER_URL, recorded?.tracing?.queryUrl) ??
      `http://127.0.0.1:${config.jaegerQueryPort}`,
  };
}
