import { setTimeout as delay } from "node:timers/promises";
import { EtcdCoordinationStore, ServiceRegistry } from "@connect-mesh/coordination";
import { CommandError } from "./command-error.js";
import { type ConnectorTotals, connectorRows, connectorTotals, topTableCells } from "./connector-rates.js";
import type { ObserveTargets } from "./observe-targets.js";
import type { Output } from "./output.js";
import { type PrometheusSample, parsePrometheusText } from "./prometheus-text.js";
import { formatTable } from "./table.js";

/** How `cmesh top` runs. */
export interface TopOptions {
  /** Between two scrapes: the window the rates are measured over. */
  readonly intervalMs: number;
  /** Print one table after one interval and stop, instead of refreshing until interrupted. */
  readonly once: boolean;
  readonly signal: AbortSignal;
}

/** ANSI: cursor home, clear screen, as `top` redraws. */
const CLEAR_SCREEN = "\u001b[H\u001b[2J";

/**
 * `cmesh top`: every worker's `/metrics` (found through the service registry), summed per connector, as
 * live rates (records per second over the interval), consumer lag and error totals, redrawn every
 * interval until interrupted; with `once`, a single table after one interval.
 */
export async function top(targets: ObserveTargets, options: TopOptions, output: Output): Promise<number> {
  const store = new EtcdCoordinationStore(targets.etcdEndpoints);
  try {
    const registry = new ServiceRegistry(store, `/connect-mesh/${encodeURIComponent(targets.cluster)}`);
    let before = await scrapeWorkers(registry);
    while (!options.signal.aborted) {
      // A timer that holds the process open (unlike @connect-mesh/async's sleep): waiting is all top does.
      const slept = await delay(options.intervalMs, true, { signal: options.signal }).catch(() => false);
      if (!slept) break;
      const after = await scrapeWorkers(registry);
      const rows = connectorRows(before.totals, after.totals, options.intervalMs / 1000);
      const lines = [
        `connect-mesh top: ${after.workers} worker(s), rates over ${options.intervalMs / 1000} s${after.unreachable.length > 0 ? `; no answer from ${after.unreachable.join(", ")}` : ""}`,
        ...(rows.length === 0 ? ["no task reports metrics yet"] : formatTable(topTableCells(rows))),
      ];
      output.result(`${options.once ? "" : CLEAR_SCREEN}${lines.join("\n")}`);
      if (options.once) return 0;
      before = after;
    }
    return 0;
  } finally {
    await store.close();
  }
}

interface Scrape {
  readonly workers: number;
  readonly totals: Map<string, ConnectorTotals>;
  readonly unreachable: readonly string[];
}

/** Scrapes every registered worker that advertises `/metrics`; one that does not answer is named, not fatal. */
async function scrapeWorkers(registry: ServiceRegistry): Promise<Scrape> {
  const workers = (await registry.list("worker")).filter((w) => w.metricsAddress !== undefined);
  if (workers.length === 0) {
    throw new CommandError(
      "no worker advertises /metrics in the service registry; is the mesh up (`cmesh status`)?",
    );
  }
  const samples: PrometheusSample[] = [];
  const unreachable: string[] = [];
  await Promise.all(
    workers.map(async (worker) => {
      try {
        const response = await fetch(`http://${worker.metricsAddress}/metrics`, {
          signal: AbortSignal.timeout(5_000),
        });
        if (!response.ok) throw new Error(`answered ${response.status}`);
        samples.push(...parsePrometheusText(await response.text()));
      } catch {
        unreachable.push(worker.instanceId);
      }
    }),
  );
  return { workers: workers.length, totals: connectorTotals(samples), unreachable };
}
