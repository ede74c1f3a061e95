import { FatalError, RetriableError, silentLogger } from "@connect-mesh/connector-sdk";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BulkItem } from "./bulk-outcome.js";
import {
  backoffMs,
  chunksOf,
  type IndexedAction,
  MAX_BULK_BYTES,
  type SendBulk,
  type SendSettings,
  sendActions,
} from "./bulk-sender.js";

/** An action of one line: its record index as text, padded with spaces to `bytes` (a newline adds one). */
const indexed = (recordIndex: number, bytes = 1): IndexedAction => ({
  recordIndex,
  action: { verb: "index", index: "orders", lines: [String(recordIndex).padEnd(bytes)], isVersioned: false },
});

const settings = (overrides: Partial<SendSettings> = {}): SendSettings => ({
  maxActions: 100,
  maxBytes: MAX_BULK_BYTES,
  maxInFlight: 1,
  maxRetries: 0,
  retryBackoffMs: 0,
  signal: new AbortController().signal,
  logger: silentLogger,
  ...overrides,
});

const BUSY: BulkItem = {
  status: 429,
  error: { type: "es_rejected_execution_exception", reason: "queue full" },
};

/**
 * A stand-in engine: keeps the record indexes of each request and answers each action with `answer`,
 * which is told how many requests came before.
 */
function fakeEngine(answer: (recordIndex: number, request: number) => BulkItem = () => ({ status: 201 })) {
  const requests: number[][] = [];
  const send: SendBulk = async (lines) => {
    const recordIndexes = lines.map((line) => Number(line));
    requests.push(recordIndexes);
    return recordIndexes.map((recordIndex) => answer(recordIndex, requests.length - 1));
  };
  return { requests, send };
}

const kinds = (outcomes: Map<number, { kind: string }>) =>
  [...outcomes].sort(([a], [b]) => a - b).map(([, outcome]) => outcome.kind);

describe("chunksOf", () => {
  const recordIndexesOf = (chunks: IndexedAction[][]) =>
    chunks.map((chunk) => chunk.map((a) => a.recordIndex));

  it("cuts after maxActions actions, keeping their order", () => {
    const actions = [0, 1, 2, 3, 4].map((n) => indexed(n));
    expect(recordIndexesOf(chunksOf(actions, 2, MAX_BULK_BYTES))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("cuts before an action that would pass maxBytes, counting a newline after each line", () => {
    const actions = [0, 1, 2, 3, 4].map((n) => indexed(n, 9));
    expect(recordIndexesOf(chunksOf(actions, 100, 30))).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(recordIndexesOf(chunksOf(actions, 100, 29))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("counts bytes, not characters", () => {
    const accented = (recordIndex: number): IndexedAction => ({
      recordIndex,
      action: { verb: "index", index: "orders", lines: ["éé"], isVersioned: false },
    });
    expect(recordIndexesOf(chunksOf([accented(0), accented(1)], 100, 9))).toEqual([[0], [1]]);
  });

  it("sends an action larger than maxBytes alone", () => {
    const actions = [indexed(0, 5), indexed(1, 100), indexed(2, 5)];
    expect(recordIndexesOf(chunksOf(actions, 100, 20))).toEqual([[0], [1], [2]]);
  });
});

describe("sendActions", () => {
  it("never has more than maxInFlight requests waiting on the engine", async () => {
    let waiting = 0;
    let mostWaiting = 0;
    const send: SendBulk = async (lines) => {
      waiting += 1;
      mostWaiting = Math.max(mostWaiting, waiting);
      await Promise.resolve();
      waiting -= 1;
      return lines.map(() => ({ status: 201 }));
    };
    const actions = Array.from({ length: 10 }, (_, n) => indexed(n));
    const outcomes = await sendActions(actions, send, settings({ maxActions: 1, maxInFlight: 3 }));
    expect(mostWaiting).toBe(3);
    expect(kinds(outcomes)).toEqual(Array(10).fill("done"));
  });

  it("sends again, alone, the actions refused for a passing reason, up to maxRetries times", async () => {
    const engine = fakeEngine((recordIndex) => (recordIndex === 1 ? BUSY : { status: 201 }));
    const outcomes = await sendActions(
      [indexed(0), indexed(1), indexed(2)],
      engine.send,
      settings({ maxRetries: 2 }),
    );
    expect(engine.requests).toEqual([[0, 1, 2], [1], [1]]);
    expect(outcomes.get(1)).toEqual({
      kind: "passing",
      reason: "es_rejected_execution_exception: queue full",
    });
    expect(kinds(outcomes)).toEqual(["done", "passing", "done"]);
  });

  it("stops sending an action again once the engine takes it", async () => {
    const engine = fakeEngine((recordIndex, request) =>
      recordIndex === 1 && request === 0 ? BUSY : { status: 201 },
    );
    const outcomes = await sendActions([indexed(0), indexed(1)], engine.send, settings({ maxRetries: 5 }));
    expect(engine.requests).toEqual([[0, 1], [1]]);
    expect(kinds(outcomes)).toEqual(["done", "done"]);
  });

  it("does not send a malformed or refused document again", async () => {
    const engine = fakeEngine((recordIndex) => ({
      status: 400,
      error: { type: recordIndex === 0 ? "mapper_parsing_exception" : "security_exception" },
    }));
    const outcomes = await sendActions([indexed(0), indexed(1)], engine.send, settings({ maxRetries: 5 }));
    expect(engine.requests).toHaveLength(1);
    expect(kinds(outcomes)).toEqual(["malformed", "refused"]);
  });

  it("counts a request that failed retriably as passing for its whole chunk, and sends it again", async () => {
    const engine = fakeEngine();
    let isFirst = true;
    const send: SendBulk = async (lines) => {
      if (!isFirst) return engine.send(lines);
      isFirst = false;
      throw new RetriableError("the engine did not answer");
    };
    const retried = await sendActions([indexed(0), indexed(1)], send, settings({ maxRetries: 1 }));
    expect(kinds(retried)).toEqual(["done", "done"]);
    expect(engine.requests).toEqual([[0, 1]]);

    const failing: SendBulk = () => Promise.reject(new RetriableError("the engine did not answer"));
    const given = await sendActions([indexed(0), indexed(1)], failing, settings({ maxRetries: 0 }));
    expect(given.get(1)).toEqual({ kind: "passing", reason: "the engine did not answer" });
  });

  it("throws a fatal failure of a request without sending it again", async () => {
    const refusal = new FatalError("cannot send 2 bulk lines: HTTP 401");
    let calls = 0;
    const send: SendBulk = async () => {
      calls += 1;
      throw refusal;
    };
    await expect(sendActions([indexed(0), indexed(1)], send, settings({ maxRetries: 3 }))).rejects.toBe(
      refusal,
    );
    expect(calls).toBe(1);
  });
});

describe("backoffMs", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [4, 400, 800],
  ])("waits before try %i between %i and %i ms for 100 ms initially", (attempt, shortestMs, longestMs) => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(backoffMs(100, attempt)).toBe(shortestMs);
    vi.spyOn(Math, "random").mockReturnValue(0.999_999);
    expect(backoffMs(100, attempt)).toBe(longestMs);
  });

  it("doubles to a day at most", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(backoffMs(100, 40)).toBe(43_200_000);
    vi.spyOn(Math, "random").mockReturnValue(0.999_999);
    expect(backoffMs(100, 40)).toBeLessThanOrEqual(86_400_000);
  });
});
