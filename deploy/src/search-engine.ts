import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Health, RunningComponent } from "./component.js";
import { runToCompletion, startDetached, tailOf } from "./processes.js";
import type { SearchEngineInstall } from "./search-engine-install.js";
import { relocateJvmOptions, SEARCH_ENGINE_JAVA_OPTS, searchEngineSettings } from "./search-engines.js";
import { prepareServiceHome } from "./service-home.js";
import { commandAs, ensureServiceUser, type ServiceUser, succeedsAs } from "./service-user.js";
import { StackError } from "./stack-error.js";

/** The system user both search engines run as when the stack runs as root (they refuse root). */
const SEARCH_USER = "connect-mesh";

/** The ports a search engine of the local stack takes. */
export interface SearchEnginePorts {
  readonly httpPort: number;
  readonly transportPort: number;
}

/**
 * Launches a single-node Elasticsearch or OpenSearch with its config, data and logs in `<runDir>/<engine>`,
 * on 127.0.0.1 only. Its config directory is a copy of the distribution's (the server writes its keystore
 * there, and the shared cache is not its to write). As root it runs as the system user `connect-mesh`,
 * created when missing. Resolves once the process runs, not once it is ready (see `launchKafka`).
 */
export async function launchSearchEngine(
  install: SearchEngineInstall,
  runDir: string,
  ports: SearchEnginePorts,
): Promise<RunningComponent> {
  const { spec } = install;
  const home = join(runDir, spec.engine);
  const user = await ensureServiceUser(SEARCH_USER, spec.description);
  await prepareServiceHome(runDir, home, user, spec.description);
  const logFile = join(home, `${spec.engine}.log`);
  const configDir = join(home, "config");
  await copyConfigOnce(install.distDir, configDir, home);
  for (const dir of ["data", "logs"]) await mkdir(join(home, dir), { recursive: true });
  if (user !== undefined) await chownTree(home, user, logFile);
  const distDir = await reachableDistribution(install.distDir, home, user, logFile);

  const server = commandAs(user, join(distDir, spec.script), [
    // The settings name the run directory, which is how `isOurProcess` knows the java process as ours.
    ...searchEngineSettings({ home, ...ports }),
  ]);
  const pid = await startDetached(server.command, server.args, {
    cwd: home,
    logFile,
    env: {
      ...process.env,
      JAVA_HOME: install.javaHome,
      [spec.configDirVariable]: configDir,
      [spec.javaOptsVariable]: SEARCH_ENGINE_JAVA_OPTS,
    },
  });
  const url = `http://127.0.0.1:${ports.httpPort}`;
  return { name: spec.engine, pid, address: url, logFile, probe: { kind: "cluster-health", url } };
}

/**
 * Healthy when `GET /_cluster/health` says green or yellow: yellow is a single node's normal state, since the
 * replica every index asks for by default has no second node to live on.
 */
export async function checkClusterHealth(url: string): Promise<Health> {
  const endpoint = `${url}/_cluster/health`;
  try {
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) {
      await response.body?.cancel();
      return { healthy: false, reason: `HTTP ${response.status} from ${endpoint}` };
    }
    return clusterHealthFrom(await response.json());
  } catch (error) {
    return { healthy: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads a `_cluster/health` answer: green and yellow are healthy, red (or anything else) is not. */
export function clusterHealthFrom(body: unknown): Health {
  const status =
    typeof body === "object" && body !== null && "status" in body ? String(body.status) : undefined;
  if (status === "green" || status === "yellow") return { healthy: true };
  return { healthy: false, reason: `cluster health is ${status ?? "missing from the answer"}` };
}

/** Copies the distribution's config on first start only, so a later start keeps its keystore and node id. */
async function copyConfigOnce(distDir: string, configDir: string, home: string): Promise<void> {
  const jvmOptions = join(configDir, "jvm.options");
  if (existsSync(jvmOptions)) return;
  const source = join(distDir, "config");
  await mkdir(configDir, { recursive: true });
  for (const file of [
    "log4j2.properties",
    existsSync(join(source, "opensearch.yml")) ? "opensearch.yml" : "elasticsearch.yml",
  ]) {
    await copyFile(join(source, file), join(configDir, file));
  }
  await mkdir(join(configDir, "jvm.options.d"), { recursive: true });
  // Written last: its presence is what says the copy is whole.
  await writeFile(jvmOptions, relocateJvmOptions(await readFile(join(source, "jvm.options"), "utf8"), home));
}

async function chownTree(home: string, user: ServiceUser, logFile: string): Promise<void> {
  const code = await runToCompletion("chown", ["-R", `${user.uid}:${user.gid}`, home], {
    cwd: home,
    logFile,
  });
  if (code !== 0) {
    throw new StackError(
      `could not hand ${home} to the user "${user.name}" (chown exited ${code}); see ${logFile}`,
    );
  }
}

/**
 * The distribution as the server's user can read it: the cache itself, or, when the user cannot reach the
 * cache (root's ~/.cache sits under /root, mode 0700), a copy in the run directory, hard-linked where the
 * file system allows so that it costs no space.
 */
async function reachableDistribution(
  distDir: string,
  home: string,
  user: ServiceUser | undefined,
  logFile: string,
): Promise<string> {
  if (user === undefined || (await succeedsAs(user, "test", ["-r", join(distDir, "lib")]))) return distDir;
  const copy = join(home, "dist");
  if (existsSync(join(copy, "lib"))) return copy;
  const linked = await runToCompletion("cp", ["-al", distDir, copy], { cwd: home, logFile });
  if (linked !== 0) {
    // Across file systems hard links fail; what was linked so far goes, and a plain copy is made instead.
    await rm(copy, { recursive: true, force: true });
  }
  if (linked !== 0 && (await runToCompletion("cp", ["-a", distDir, copy], { cwd: home, logFile })) !== 0) {
    throw new StackError(
      `the user "${user.name}" cannot read ${distDir}, and copying it to ${copy} failed; see ${logFile}`,
      { detail: await tailOf(logFile) },
    );
  }
  return copy;
}
