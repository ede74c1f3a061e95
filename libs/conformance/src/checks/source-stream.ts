import {
  ErrorKind,
  type ReadRequest,
  type ReadResponse,
  type SourceBatch,
  type SourceOffset,
} from "@connect-mesh/proto";
import type { ConfigMap } from "../conformance-options.js";
import { CheckFailure } from "../internal/check-failure.js";
import type { CheckScope } from "../internal/check-scope.js";
import { statusName } from "../internal/status-name.js";
import type { StreamEvent, StreamProbe } from "../internal/stream-probe.js";
import { withStream } from "../internal/with-stream.js";
import type { CheckContext } from "./check-context.js";

/** The client side of a Read stream. */
export type ReadProbe = StreamProbe<ReadRequest, ReadResponse>;

/** What a Read stream is opened with. */
export interface ReadTarget {
  readonly plugin: string;
  readonly config: ConfigMap;
  readonly offsets?: readonly SourceOffset[];
}

/**
 * Starts a Read call with the check's deadline, sends `open` for `target`, runs `use`, and cancels the
 * call afterwards.
 */
export async function withOpenRead<T>(
  context: CheckContext,
  scope: CheckScope,
  target: ReadTarget,
  use: (probe: ReadProbe) => Promise<T>,
): Promise<T> {
  return withStream(context.clients.source.read({ deadline: scope.callDeadlineAt }), async (probe) => {
    probe.send({
      message: {
        $case: "open",
        value: {
          plugin: target.plugin,
          connectorName: `conformance-${context.runId}`,
          taskId: 0,
          config: { ...target.config },
          offsets: [...(target.offsets ?? [])],
        },
      },
    });
    return use(probe);
  });
}

/** Grants `batches` more batches. */
export function grantCredit(probe: ReadProbe, batches: number): void {
  probe.send({ message: { $case: "credit", value: { batches } } });
}

/** Acks every batch through `sequence`. */
export function ackThrough(probe: ReadProbe, sequence: bigint): void {
  probe.send({ message: { $case: "ack", value: { throughSequence: sequence } } });
}

/** The next batch; anything else (an in-stream error, the call ending, nothing by the deadline) fails the check. */
export async function expectBatch(probe: ReadProbe, scope: CheckScope, what: string): Promise<SourceBatch> {
  return batchOf(await probe.next(scope, what), what);
}

/**
 * The next batch if one comes within `quietMs`, or undefined if none does; an in-stream error or the call
 * ending fails the check.
 */
export async function batchWithin(
  probe: ReadProbe,
  quietMs: number,
  scope: CheckScope,
  what: string,
): Promise<SourceBatch | undefined> {
  const event = await probe.nextWithin(quietMs, scope, what);
  return event === undefined ? undefined : batchOf(event, what);
}

function batchOf(event: StreamEvent<ReadResponse>, what: string): SourceBatch {
  if (event.kind === "end") {
    throw new CheckFailure(
      `${what}: the call ended with ${statusName(event.status.code)}: ${event.status.details}`,
    );
  }
  const message = event.message.message;
  if (message?.$case === "batch") return message.value;
  if (message?.$case === "error") {
    throw new CheckFailure(
      `${what}: the service sent ReadResponse{error} (${ErrorKind[message.value.kind] ?? message.value.kind}): ${message.value.message}`,
    );
  }
  throw new CheckFailure(`${what}: the service sent a ReadResponse with nothing set`);
}
