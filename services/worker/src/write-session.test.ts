import type { IncomingMessage } from "@connect-mesh/kafka";
import { ErrorKind, Record as MeshRecord, type WriteRequest, type WriteResponse } from "@connect-mesh/proto";
import { fromRecordTrace } from "@connect-mesh/telemetry";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { RecordFailure } from "./errors/record-failure.js";
import type { PendingWrite } from "./pending-write.js";
import { FatalTaskError } from "./task-context.js";
import { scriptedCall } from "./testing/scripted-call.js";
import { type WriteCall, WriteSession } from "./write-session.js";

/**
 * A connector service's end of the Write stream: each batch or flush is answered with the next of
 * `answers`, and the stream is closed once they run out.
 */
function scriptedService(answers: NonNullable<WriteResponse["message"]>[]) {
  return scriptedCall<NonNullable<WriteRequest["message"]>, WriteResponse>((message, service) => {
    if (message.$case === "open") return;
    const next = answers.shift();
    if (next === undefined) service.close();
    else service.reply({ message: next });
  });
}

/** Records at `offsets` of partition "t"/0, as a PendingWrite whose batches carry each record's position. */
function recordsAt(offsets: readonly number[]): PendingWrite {
  const message = (offset: number): IncomingMessage => ({
    key: null,
    value: Buffer.from(`line ${offset}`),
    headers: {},
    timestamp: "1700000000000",
    offset: String(offset),
  });
  return {
    length: offsets.length,
    batch: (sequence) => ({
      sequence,
      records: offsets.map((offset) =>
        MeshRecord.fromPartial({ kafkaPosition: { topic: "t", partition: 0, offset: BigInt(offset) } }),
      ),
      packed: [],
    }),
    at: (index) => {
      const offset = offsets[index];
      return offset === undefined
        ? undefined
        : {
            consumed: { topic: "t", partition: 0, message: message(offset) },
            context: fromRecordTrace(undefined),
          };
    },
    from: (index) => recordsAt(offsets.slice(index)),
    timestampsMs: () => offsets.map(() => 1_700_000_000_000),
  };
}

/** The offsets a batch request carried. */
const offsetsIn = (request: NonNullable<WriteRequest["message"]>) =>
  request.$case === "batch" ? request.value.records.map((r) => Number(r.kafkaPosition?.offset)) : [];

function sessionOn(call: WriteCall, stopping = new AbortController().signal) {
  const reported: RecordFailure[] = [];
  const statuses: [string, string | undefined][] = [];
  const sentCounts: number[] = [];
  const session = new WriteSession(call, {
    className: "FileStreamSink",
    policy: {
      settings: { retryDelayMaxMs: 500 } as never,
      report: (failure) => void reported.push(failure),
    },
    metrics: { countSent: (n) => void sentCounts.push(n), observePutBatch: () => undefined },
    status: { report: async (state, trace) => void statuses.push([state, trace]) },
    logger: pino({ level: "silent" }),
    stopping,
  });
  return { session, reported, statuses, sent: () => sentCounts.reduce((sum, n) => sum + n, 0) };
}

const ack = { $case: "ack" as const, value: { sequence: 0n } };
const writeError = (kind: ErrorKind, recordIndex?: number) => ({
  $case: "error" as const,
  value: {
    sequence: 0n,
    error: { kind, message: "refused", errorClass: "X", stackTrace: "", recordIndex } as never,
  },
});

describe("WriteSession", () => {
  it("numbers batches from 1 and flushes through the last one sent, in the order it asked", async () => {
    const { call, requests } = scriptedService([
      ack,
      ack,
      { $case: "flushed", value: { throughSequence: 2n } },
    ]);
    const { session, sent } = sessionOn(call);
    session.open({ plugin: "FileStreamSink", connectorName: "c", taskId: 0, config: {}, assigned: [] });
    await Promise.all([
      session.sendUntilAccepted(recordsAt([0, 1])),
      session.sendUntilAccepted(recordsAt([2])),
    ]);
    await session.flush();
    expect(requests.map((r) => r.$case)).toEqual(["open", "batch", "batch", "flush"]);
    expect(requests.map((r) => (r.$case === "batch" ? r.value.sequence : undefined))).toEqual([
      undefined,
      1n,
      2n,
      undefined,
    ]);
    expect(requests[3]).toEqual({ $case: "flush", value: { throughSequence: 2n } });
    expect(sent()).toBe(3);
  });

  it("parks the record a FATAL error names and sends the ones after it again", async () => {
    const { call, requests } = scriptedService([writeError(ErrorKind.ERROR_KIND_FATAL, 1), ack]);
    const { session, reported, sent } = sessionOn(call);
    await session.sendUntilAccepted(recordsAt([10, 11, 12]));
    expect(requests.map(offsetsIn)).toEqual([[10, 11, 12], [12]]);
    expect(reported.map((f) => [f.stage, f.className, f.origin])).toEqual([
      ["TASK_PUT", "FileStreamSink", { kind: "kafka", topic: "t", partition: 0, offset: "11" }],
    ]);
    expect(sent()).toBe(2);
  });

  it("sends again, after a backoff, what a RETRIABLE error says was not taken, and clears the retry note", async () => {
    const { call, requests } = scriptedService([writeError(ErrorKind.ERROR_KIND_RETRIABLE, 1), ack]);
    const { session, statuses, reported } = sessionOn(call);
    await session.sendUntilAccepted(recordsAt([10, 11, 12]));
    expect(requests.map(offsetsIn)).toEqual([
      [10, 11, 12],
      [11, 12],
    ]);
    expect(reported).toEqual([]);
    expect(statuses.map(([state]) => state)).toEqual(["RUNNING", "RUNNING"]);
    expect(statuses[0]?.[1]).toMatch(/could not write batch 1: refused\n\(retrying 2 records in \d+ ms\)/);
    expect(statuses[1]?.[1]).toBeUndefined();
  });

  it("stops the task on a FATAL error for the whole batch", async () => {
    const { call } = scriptedService([writeError(ErrorKind.ERROR_KIND_FATAL)]);
    const { session } = sessionOn(call);
    await expect(session.sendUntilAccepted(recordsAt([1]))).rejects.toThrow(FatalTaskError);
  });

  it("fails a request the service never answers because it closed the stream", async () => {
    const { call } = scriptedService([]);
    const { session } = sessionOn(call);
    await expect(session.flush()).rejects.toThrow("the sink service closed the stream");
  });
});
