import type { CoordinationStore } from "@connect-mesh/coordination";

/** Yields once now and once after every change under `prefix`, until `signal` aborts: a cue to look again. */
export async function* changesUnder(
  store: CoordinationStore,
  prefix: string,
  signal: AbortSignal,
): AsyncGenerator<void> {
  const { revision } = await store.list(prefix);
  yield;
  for await (const _event of store.watch(prefix, { afterRevision: revision, signal })) {
    yield;
  }
}
