import { WakeUp } from "@connect-mesh/async";
import type { ClusterStores } from "@connect-mesh/cluster-state";
import type { CoordinationStore, Lease, ServiceRegistry } from "@connect-mesh/coordination";
import type { Logger } from "pino";
import type { PluginCatalogWatcher } from "../plugin-catalog-watcher.js";
import { type Reconciler, WORKER_SERVICE_TYPE } from "./reconciler.js";

/** A leader also reconciles on a timer, which retries plans that failed (a service that was down). */
const RESYNC_INTERVAL_MS = 5_000;
/** Pause before campaigning again after a failure, so a flapping store is not hammered. */
const RETRY_DELAY_MS = 1_000;

/** What campaigning and leading need. */
export interface LeaderLoopDeps {
  readonly store: CoordinationStore;
  readonly state: ClusterStores;
  readonly registry: ServiceRegistry;
  readonly catalog: PluginCatalogWatcher;
  readonly reconciler: Reconciler;
  readonly coordinatorId: string;
  readonly lease: () => Promise<Lease>;
  readonly logger: Logger;
}

/**
 * Campaigns for leadership for as long as `signal` lives; while leading, reconciles whenever connectors,
 * workers or connector services change, and every few seconds. Losing leadership (the lease ended, or etcd
 * was unreachable for longer than its TTL) stops the work at once and goes back to campaigning.
 */
export async function runLeaderLoop(deps: LeaderLoopDeps, signal: AbortSignal): Promise<void> {
  const { logger } = deps;
  while (!signal.aborted) {
    try {
      const lease = await deps.lease();
      const leadership = await deps.store.campaign(
        deps.state.keys.leaderElection,
        deps.coordinatorId,
        lease,
        { signal },
      );
      logger.info("elected leader");
      const leading = AbortSignal.any([signal, leadership.lost]);
      await lead(deps, leading).catch((error: unknown) => {
        if (!leading.aborted) throw error;
      });
      if (signal.aborted) await leadership.resign().catch(() => undefined);
      else logger.warn({ reason: String(leadership.lost.reason) }, "lost leadership; campaigning again");
    } catch (error) {
      if (signal.aborted) return;
      logger.error({ err: error }, "leadership loop failed; retrying");
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS).unref());
    }
  }
}

async function lead(deps: LeaderLoopDeps, signal: AbortSignal): Promise<void> {
  const wakeUp = new WakeUp();
  const stopCatalogCues = deps.catalog.onChange(() => wakeUp.cue());
  const timer = setInterval(() => wakeUp.cue(), RESYNC_INTERVAL_MS);
  timer.unref();
  const cues = [
    cueOnEach(deps.state.connectors.connectorChanges(signal), wakeUp),
    cueOnEach(deps.registry.watch(WORKER_SERVICE_TYPE, signal), wakeUp),
    // A moving task is handed over once its previous worker has stopped it and cleared its status.
    cueOnEach(deps.state.statuses.statusChanges(signal), wakeUp),
  ];
  try {
    for (;;) {
      await Promise.race([wakeUp.next(signal), ...cues]);
      await deps.reconciler.reconcile().catch((error: unknown) => {
        deps.logger.warn({ err: error }, "reconciling failed; will retry");
      });
    }
  } finally {
    clearInterval(timer);
    stopCatalogCues();
    await Promise.allSettled(cues);
  }
}

/** Cues a run on every item; settles only when the source fails or ends, which ends leading. */
async function cueOnEach(source: AsyncIterable<unknown>, wakeUp: WakeUp): Promise<never> {
  for await (const _item of source) wakeUp.cue();
  throw new Error("a watch the leader depends on ended");
}
