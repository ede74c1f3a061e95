import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Health, RunningComponent } from "./component.js";
import type { EtcdInstall } from "./etcd-install.js";
import { startDetached } from "./processes.js";

/** Where a single etcd member listens. */
export interface EtcdPorts {
  readonly clientPort: number;
  readonly peerPort: number;
}

/**
 * Launches a single etcd member on 127.0.0.1 with its data in `<runDir>/etcd`. Resolves once the process
 * runs, not once it is ready (see `launchKafka`).
 */
export async function launchEtcd(
  install: EtcdInstall,
  runDir: string,
  ports: EtcdPorts,
): Promise<RunningComponent> {
  const home = join(runDir, "etcd");
  await mkdir(home, { recursive: true });
  const clientUrl = `http://127.0.0.1:${ports.clientPort}`;
  const peerUrl = `http://127.0.0.1:${ports.peerPort}`;
  const logFile = join(home, "etcd.log");
  const pid = await startDetached(
    install.binary,
    [
      "--name=connect-mesh",
      `--data-dir=${join(home, "data")}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=connect-mesh=${peerUrl}`,
      "--log-level=warn",
    ],
    { cwd: home, logFile },
  );
  return { name: "etcd", pid, address: clientUrl, logFile, probe: { kind: "etcd", url: clientUrl } };
}

/**
 * Healthy when etcd answers a linearizable read through its JSON gateway. Such a read goes through the
 * raft leader, so it proves the member has a quorum, not merely that its port is open.
 */
export async function checkEtcdHealth(clientUrl: string): Promise<Health> {
  try {
    await readEtcdKey(clientUrl, "/connect-mesh/health");
    return { healthy: true };
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads one key with a linearizable read through etcd's JSON gateway; undefined when it does not exist. */
export async function readEtcdKey(clientUrl: string, key: string): Promise<string | undefined> {
  const response = await fetch(`${clientUrl}/v3/kv/range`, {
    method: "POST",
    body: JSON.stringify({ key: Buffer.from(key).toString("base64") }),
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${clientUrl}`);
  const body = (await response.json()) as { header?: { revision?: string }; kvs?: { value?: string }[] };
  if (!body.header?.revision) throw new Error("the read returned no revision");
  const value = body.kvs?.[0]?.value;
  return value === undefined ? undefined : Buffer.from(value, "base64").toString();
}
