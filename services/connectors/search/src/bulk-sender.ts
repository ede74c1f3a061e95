import { type Logger, PluginError, sleep } from "@connect-mesh/connector-sdk";
import type { BulkAction } from "./bulk-actions.js";
import { type BulkItem, type ItemOutcome, itemOutcome } from "./bulk-outcome.js";

/** The most bytes of bulk lines in one request (Confluent's bulk.size.bytes default); the engines take 100 MB. */
export const MAX_BULK_BYTES = 5 * 1024 * 1024;

/** The longest wait between two tries of a bulk request, whatever retry.backoff.ms doubles to. */
const MAX_BACKOFF_MS = 86_400_000;

/** A record's bulk action, with the record's place in its batch. */
export interface IndexedAction {
  readonly recordIndex: number;
  readonly action: BulkAction;
}

/** Sends bulk lines and returns what the engine said of each action, in order; throws a PluginError. */
export type SendBulk = (lines: readonly string[]) => Promise<readonly (BulkItem | undefined)[]>;

/** How bulk requests are cut and retried: batch.size, max.in.flight.requests, max.retries, retry.backoff.ms. */
export interface SendSettings {
  readonly maxActions: number;
  readonly maxBytes: number;
  readonly maxInFlight: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/**
 * Sends actions in bulk requests of at most `maxActions` actions and `maxBytes` bytes, `maxInFlight` at a
 * time, and returns the outcome of each by its record index. Actions the engine could not take for a
 * passing reason (it did not answer, 429, 5xx) are sent again, alone, up to `maxRetries` times with doubling,
 * jittered waits; what is still passing after that is returned as passing. A request refused outright
 * (refused credentials, say) throws its PluginError: it says nothing about single records.
 */
export async function sendActions(
  actions: readonly IndexedAction[],
  send: SendBulk,
  settings: SendSettings,
): Promise<Map<number, ItemOutcome>> {
  const outcomes = new Map<number, ItemOutcome>();
  const chunks = chunksOf(actions, settings.maxActions, settings.maxBytes);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    // After a refused request no new one starts, and those under way finish before the refusal is thrown:
    // nothing is left sending once the task has given up on the batch.
    for (let chunk = chunks[next++]; chunk !== undefined && failure === undefined; chunk = chunks[next++]) {
      try {
        for (const [recordIndex, outcome] of await sendWithRetries(chunk, send, settings)) {
          outcomes.set(recordIndex, outcome);
        }
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.maxInFlight, chunks.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return outcomes;
}

async function sendWithRetries(
  chunk: readonly IndexedAction[],
  send: SendBulk,
  settings: SendSettings,
): Promise<Map<number, ItemOutcome>> {
  const outcomes = new Map<number, ItemOutcome>();
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      const waitMs = backoffMs(settings.retryBackoffMs, attempt);
      settings.logger.warn(
        {
          documents: pending.length,
          attempt,
          of: settings.maxRetries,
          waitMs,
          reason: reasonFor(pending, outcomes),
        },
        "the engine did not take every document; sending them again",
      );
      await sleep(waitMs, settings.signal);
      if (settings.signal.aborted) break;
    }
    for (const [recordIndex, outcome] of await sendOnce(pending, send)) outcomes.set(recordIndex, outcome);
    pending = pending.filter(({ recordIndex }) => outcomes.get(recordIndex)?.kind === "passing");
    if (attempt >= settings.maxRetries) break;
  }
  return outcomes;
}

/** One bulk request: each action's outcome, or every action passing when the request itself failed so. */
async function sendOnce(chunk: readonly IndexedAction[], send: SendBulk): Promise<Map<number, ItemOutcome>> {
  const outcomes = new Map<number, ItemOutcome>();
  let items: readonly (BulkItem | undefined)[];
  try {
    items = await send(chunk.flatMap(({ action }) => action.lines));
  } catch (error) {
    if (!(error instanceof PluginError) || !error.retriable) throw error;
    for (const { recordIndex } of chunk)
      outcomes.set(recordIndex, { kind: "passing", reason: error.message });
    return outcomes;
  }
  for (const [position, { recordIndex, action }] of chunk.entries()) {
    outcomes.set(recordIndex, itemOutcome(items[position], action));
  }
  return outcomes;
}

/** The actions cut into bulk requests, in order. */
export function chunksOf(
  actions: readonly IndexedAction[],
  maxActions: number,
  maxBytes: number,
): IndexedAction[][] {
  const chunks: IndexedAction[][] = [];
  let chunk: IndexedAction[] = [];
  let bytes = 0;
  for (const action of actions) {
    const size = action.action.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    // A single action larger than maxBytes still goes, alone: the engine decides whether it is too large.
    if (chunk.length > 0 && (chunk.length >= maxActions || bytes + size > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(action);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The wait before try `attempt` (from 1): `initialMs` doubled each time, capped, and jittered down by up to half. */
export function backoffMs(initialMs: number, attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, initialMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function reasonFor(pending: readonly IndexedAction[], outcomes: ReadonlyMap<number, ItemOutcome>): string {
  const first = pending[0];
  const outcome = first === undefined ? undefined : outcomes.get(first.recordIndex);
  return outcome !== undefined && outcome.kind !== "done" ? outcome.reason : "unknown";
}
