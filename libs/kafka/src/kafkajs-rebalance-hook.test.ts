import { createRequire } from "node:module";
import kafkajs from "kafkajs";
import { describe, expect, it } from "vitest";

/**
 * Pins the patched kafkajs runner's rebalance hook (patches/kafkajs+2.2.4.patch): when a heartbeat says the
 * group is rebalancing, `onPartitionsRevoked` runs, and is awaited, before the member rejoins. The runner is
 * kafkajs's own module, without typings, so it is given the shape this test uses; its consumer group and
 * fetch manager are stand-ins that record what the runner asks of them.
 */
const require = createRequire(import.meta.url);

interface Runner {
  running: boolean;
  fetchManager: { start(): Promise<void>; stop(): Promise<void> };
  scheduleFetchManager(): void;
}

const Runner = require("kafkajs/src/consumer/runner.js") as new (options: {
  logger: unknown;
  consumerGroup: unknown;
  instrumentationEmitter: unknown;
  onPartitionsRevoked?: () => Promise<void>;
  onCrash: (error: Error) => void;
  retry: unknown;
  autoCommit: boolean;
}) => Runner;

/** kafkajs's logger, silent: each component takes a namespaced one from it. */
const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  namespace: () => logger,
};

/** The error a heartbeat throws while the group rebalances. */
function rebalancing(): Error {
  return Object.assign(new kafkajs.KafkaJSError("The group is rebalancing, so a rejoin is needed"), {
    type: "REBALANCE_IN_PROGRESS",
  });
}

/**
 * A runner whose first fetch round ends on a rebalance and whose second ends it; resolves with what was
 * called, in order, once the second has started.
 */
function runThroughRebalance(onPartitionsRevoked?: (calls: string[]) => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  return new Promise((done, fail) => {
    const runner = new Runner({
      logger,
      consumerGroup: {
        groupId: "g",
        memberId: "m",
        getNodeIds: () => [1],
        joinAndSync: async () => void calls.push("rejoin"),
      },
      instrumentationEmitter: { emit: () => undefined },
      onPartitionsRevoked: onPartitionsRevoked && (() => onPartitionsRevoked(calls)),
      onCrash: fail,
      retry: { retries: 0 },
      autoCommit: false,
    });
    let rounds = 0;
    runner.fetchManager = {
      start: async () => {
        calls.push("fetch");
        rounds += 1;
        if (rounds === 1) throw rebalancing();
        runner.running = false;
        done(calls);
      },
      stop: async () => undefined,
    };
    runner.running = true;
    runner.scheduleFetchManager();
  });
}

describe("kafkajs's runner, as patched", () => {
  it("awaits onPartitionsRevoked before it rejoins a rebalancing group", async () => {
    const calls = await runThroughRebalance(async (seen) => {
      seen.push("revoke started");
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push("revoke ended");
    });
    expect(calls).toEqual(["fetch", "revoke started", "revoke ended", "rejoin", "fetch"]);
  });

  it("rejoins all the same when onPartitionsRevoked fails", async () => {
    const calls = await runThroughRebalance(async (seen) => {
      seen.push("revoke");
      throw new Error("the commit failed");
    });
    expect(calls).toEqual(["fetch", "revoke", "rejoin", "fetch"]);
  });

  it("rejoins at once without one", async () => {
    expect(await runThroughRebalance()).toEqual(["fetch", "rejoin", "fetch"]);
  });
});
