import { describe, expect, it, vi } from "vitest";
import type { Lease } from "../coordination-store.js";
import { LeadershipLostError, LeaseLostError } from "../errors.js";
import { BallotLeadership } from "./ballot-leadership.js";

function setUp(withdraw: () => Promise<void> = async () => undefined) {
  const leaseController = new AbortController();
  const lease: Lease = { id: "1", lost: leaseController.signal, revoke: async () => undefined };
  const closing = new AbortController();
  let deleteBallot: () => void = () => undefined;
  const ballot = {
    // Like the adapter's ballot watch: resolves on deletion, rejects with the signal's reason on abort.
    watch: (signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        deleteBallot = resolve;
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      }),
    withdraw: vi.fn(withdraw),
  };
  const leadership = new BallotLeadership("/cluster/leader", lease, closing.signal, ballot);
  return { leadership, leaseController, closing, ballot, deleteBallot: () => deleteBallot() };
}

describe("BallotLeadership", () => {
  describe("lost", () => {
    it("aborts with the lease's reason when the lease ends, leaving the ballot to go with it", async () => {
      const { leadership, leaseController, ballot } = setUp();
      const reason = new LeaseLostError("1", "it expired");
      leaseController.abort(reason);
      expect(leadership.lost.reason).toBe(reason);
      await leadership.resign();
      expect(ballot.withdraw).not.toHaveBeenCalled();
    });

    it("aborts when the ballot is deleted", async () => {
      const { leadership, deleteBallot } = setUp();
      deleteBallot();
      await vi.waitFor(() => expect(leadership.lost.aborted).toBe(true));
      expect(leadership.lost.reason).toBeInstanceOf(LeadershipLostError);
    });

    it("aborts when the store closes", () => {
      const { leadership, closing } = setUp();
      closing.abort(new Error("closed"));
      expect(leadership.lost.reason).toEqual(new Error("closed"));
    });
  });

  describe("resign", () => {
    it("ends leadership before withdrawing the ballot, and withdraws it once however often it is called", async () => {
      const { leadership, ballot } = setUp(async () => {
        expect(leadership.lost.aborted).toBe(true);
      });
      await Promise.all([leadership.resign(), leadership.resign()]);
      await leadership.resign();
      expect(ballot.withdraw).toHaveBeenCalledOnce();
      expect(leadership.lost.reason).toMatchObject({ reason: "it resigned" });
    });

    it("can be tried again after withdrawing failed", async () => {
      let attempts = 0;
      const { leadership, ballot } = setUp(async () => {
        attempts++;
        if (attempts === 1) throw new Error("etcd is down");
      });
      await expect(leadership.resign()).rejects.toThrow("etcd is down");
      await leadership.resign();
      expect(ballot.withdraw).toHaveBeenCalledTimes(2);
    });
  });
});
