import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type SearchEngine,
  type StandaloneSearchEngine,
  stackConfigFromEnv,
  startStandaloneSearchEngine,
} from "@connect-mesh/deploy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** What a search answers (the parts checked here); Elasticsearch 7 and OpenSearch 2 answer alike. */
interface SearchAnswer {
  readonly hits: {
    readonly total: { readonly value: number };
    readonly hits: readonly { readonly _id: string; readonly _source: Record<string, unknown> }[];
  };
}

/** Every pid whose command line names `marker`, read from /proc, to prove nothing is left running. */
async function pidsNaming(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, "utf8").catch((error: unknown) => {
      // A process that ended while we looked has no command line any more; that is not one of ours.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ESRCH") return "";
      throw error;
    });
    if (commandLine.includes(marker)) pids.push(Number(entry));
  }
  return pids;
}

async function requestJson(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json" },
    signal: AbortSignal.timeout(30_000),
  });
  const body: unknown = await response.json();
  if (!response.ok)
    throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

describe.each<SearchEngine>(["elasticsearch", "opensearch"])("%s in the local stack", (engine) => {
  let runDir: string;
  let server: StandaloneSearchEngine | undefined;

  beforeAll(async () => {
    // Its own run directory, not the shared stack's: that one is private (0700), and as root the server
    // runs as the system user `connect-mesh`, which must be able to reach its files.
    runDir = await mkdtemp(join(tmpdir(), `cmesh-${engine}-`));
    server = await startStandaloneSearchEngine({
      engine,
      cacheDir: stackConfigFromEnv(process.env).cacheDir,
      runDir,
      progress: (line) => process.stderr.write(`[${engine}] ${line}\n`),
    });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    if (runDir !== undefined) await rm(runDir, { recursive: true, force: true });
  });

  it("indexes a document and finds it again by a word in it", async () => {
    if (server === undefined) throw new Error(`${engine} did not start`);
    const index = `cmesh-${engine}-test`;
    await requestJson(`${server.url}/${index}/_doc/1?refresh=true`, {
      method: "PUT",
      body: JSON.stringify({ title: "connect mesh search sink", count: 1 }),
    });
    const answer = (await requestJson(`${server.url}/${index}/_search`, {
      method: "POST",
      body: JSON.stringify({ query: { match: { title: "sink" } } }),
    })) as SearchAnswer;
    expect(answer.hits.total.value).toBe(1);
    expect(answer.hits.hits[0]).toMatchObject({
      _id: "1",
      _source: { title: "connect mesh search sink", count: 1 },
    });
  });

  it("keeps its data and logs in the run directory, and leaves no process once stopped", async () => {
    if (server === undefined) throw new Error(`${engine} did not start`);
    expect(existsSync(join(runDir, engine, "data"))).toBe(true);
    expect(existsSync(join(runDir, engine, `${engine}.log`))).toBe(true);
    expect(await pidsNaming(runDir)).not.toEqual([]);
    await server.stop();
    server = undefined;
    expect(await pidsNaming(runDir)).toEqual([]);
  });
});
