import { stat } from "node:fs/promises";
import type { Health, HealthProbe } from "./component.js";
import { checkEtcdHealth, readEtcdKey } from "./etcd.js";
import { checkKafkaHealth } from "./kafka.js";
import { checkMariaDbHealth } from "./mariadb.js";
import { checkPostgresHealth } from "./postgres.js";
import { checkClusterHealth } from "./search-engine.js";

/** Asks a component, the way its probe says, whether it is healthy. */
export async function checkHealth(probe: HealthProbe): Promise<Health> {
  switch (probe.kind) {
    case "kafka":
      return checkKafkaHealth(probe.bootstrap);
    case "etcd":
      return checkEtcdHealth(probe.url);
    case "http":
      return checkHttp(probe.url);
    case "registered":
      return (await readEtcdKey(probe.etcdUrl, probe.key)) === undefined
        ? { healthy: false, reason: "not registered in the service registry (yet)" }
        : { healthy: true };
    case "mariadb":
      return checkMariaDbHealth(probe.host, probe.port);
    case "postgres":
      return checkPostgresHealth(probe.host, probe.port);
    case "cluster-health":
      return checkClusterHealth(probe.url);
    case "heartbeat":
      return checkHeartbeat(probe.file, probe.maxAgeMs);
  }
}

async function checkHeartbeat(file: string, maxAgeMs: number): Promise<Health> {
  const touched = await stat(file).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
  if (touched === undefined) return { healthy: false, reason: "no heartbeat yet" };
  const age = Date.now() - touched;
  return age <= maxAgeMs
    ? { healthy: true }
    : { healthy: false, reason: `no heartbeat for ${Math.round(age / 1000)} s` };
}

async function checkHttp(url: string): Promise<Health> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok
      ? { healthy: true }
      : { healthy: false, reason: `HTTP ${response.status} from ${url}` };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
