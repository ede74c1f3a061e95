import type { IncomingMessage } from "@connect-mesh/kafka";
import { isBare } from "./record-codec.js";

/**
 * The fewest bare messages worth a packed batch of their own between messages that go one by one: each
 * extra batch costs a round trip to the sink service, which a shorter stretch does not earn back.
 */
const MIN_PACKED_STRETCH = 100;

/** Messages `start` (inclusive) to `end` (exclusive) of a fetched batch, and whether all are bare. */
export interface MessageStretch {
  readonly start: number;
  readonly end: number;
  readonly bare: boolean;
}

/**
 * A fetched batch cut where bare messages (no headers, see isBare) meet messages with headers, so the bare
 * ones can still travel packed when some of their neighbours cannot: a traced source batch's records carry
 * their trace in headers, and at a low sampling ratio they sit among many that carry nothing. A bare stretch
 * shorter than `minBare` joins the messages around it, so headers on every other message never turn a batch
 * into many small ones; a batch of nothing but bare messages stays whole, however short. Stretches
 * alternate, cover every message in order, and none is empty.
 */
export function bareStretches(
  messages: readonly IncomingMessage[],
  minBare: number = MIN_PACKED_STRETCH,
): MessageStretch[] {
  const stretches: MessageStretch[] = [];
  let start = 0;
  while (start < messages.length) {
    let end = start + 1;
    const bare = isBare(messages[start] as IncomingMessage);
    while (end < messages.length && isBare(messages[end] as IncomingMessage) === bare) end += 1;
    const isWholeBatch = start === 0 && end === messages.length;
    const stretch = { start, end, bare: bare && (isWholeBatch || end - start >= minBare) };
    const last = stretches[stretches.length - 1];
    if (last !== undefined && !last.bare && !stretch.bare) stretches[stretches.length - 1] = { ...last, end };
    else stretches.push(stretch);
    start = end;
  }
  return stretches;
}
