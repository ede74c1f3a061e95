import { randomUUID } from "node:crypto";
import type { Plugin } from "@connect-mesh/proto";
import type { CheckContext } from "./checks/check-context.js";
import { type NamedPlugin, pluginsListedCheck } from "./checks/describe-checks.js";
import { healthServingCheck } from "./checks/health-check.js";
import type { ConformanceOptions } from "./conformance-options.js";
import { openConnectorClients } from "./internal/connector-clients.js";
import { runCheck } from "./internal/run-check.js";
import { planChecks } from "./plan-checks.js";
import type { CheckResult, ConformanceReport } from "./report.js";

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_QUIET_MS = 500;

/**
 * Drives a connector service through the contract and reports every check: health, Describe, Validate,
 * Plan, and for each source plugin the Read rules (credit, sequences, resuming, stopping) and for each sink
 * plugin the Write rules (ordered acks, flush, typed errors). Checks that need a working config the caller
 * did not give are skipped, saying so.
 *
 * Checks run one at a time, each under its own deadline (`timeoutMs`), so the run always ends. A broken
 * rule is a "fail" in the report, never a rejection; the promise rejects only when `signal` aborts (with
 * its reason), or at once with a RangeError when `timeoutMs` is not more than twice `quietMs`.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { signal } = options;
  signal.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A short deadline shortens the default quiet period with it, so `timeoutMs` alone is always enough.
  const quietMs = options.quietMs ?? Math.min(DEFAULT_QUIET_MS, Math.floor(timeoutMs / 4));
  // A quiet period as long as the deadline would fail every check that waits one out.
  if (!(timeoutMs > 0 && quietMs > 0 && quietMs * 2 < timeoutMs)) {
    throw new RangeError(
      `timeoutMs (${timeoutMs}) and quietMs (${quietMs}) must be above 0, with timeoutMs more than twice quietMs`,
    );
  }
  const clients = openConnectorClients(options.address);
  const context: CheckContext = {
    clients,
    quietMs,
    runId: randomUUID().slice(0, 8),
  };
  const results: CheckResult[] = [];
  try {
    results.push(await runCheck(healthServingCheck(context), signal, timeoutMs));
    let plugins: readonly Plugin[] | undefined;
    const listed = pluginsListedCheck(context, namedPlugins(options), (response) => {
      plugins = response.plugins;
    });
    results.push(await runCheck(listed, signal, timeoutMs));
    if (plugins === undefined) {
      results.push({
        id: "plugins",
        title: "per-plugin and stream checks",
        outcome: "skip",
        detail: "Describe did not answer, so the kit does not know which plugins and streams to check",
      });
    } else {
      for (const check of planChecks(context, plugins, options)) {
        results.push(await runCheck(check, signal, timeoutMs));
      }
    }
  } finally {
    clients.close();
  }
  return {
    address: options.address,
    checks: results,
    passed: results.every((result) => result.outcome !== "fail"),
  };
}

function namedPlugins(options: ConformanceOptions): NamedPlugin[] {
  const uses: [readonly string[], string][] = [
    [options.plugins ?? [], "was asked for"],
    [Object.keys(options.sourceConfigs ?? {}), "was given a source config"],
    [Object.keys(options.sinkConfigs ?? {}), "was given a sink config"],
    [Object.keys(options.rejectingSinkConfigs ?? {}), "was given a rejecting sink config"],
    [Object.keys(options.verifyDurable ?? {}), "was given a durability probe"],
  ];
  return uses.flatMap(([names, usage]) => names.map((name) => ({ name, usage })));
}
