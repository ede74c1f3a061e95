import { afterEach, describe, expect, it, vi } from "vitest";
import { BackgroundCommits } from "./background-commits.js";

/**
 * A commit step whose calls stay pending until the test settles them, one by one; at most 10 records
 * uncommitted, and no wait between commits unless the test asks for one.
 */
function manualCommits(minIntervalMs = 0) {
  const calls: { progress: number[]; settle: (error?: Error) => void }[] = [];
  const failures: unknown[] = [];
  const commits = new BackgroundCommits<number[]>(
    {
      commit: (progress) =>
        new Promise<void>((resolve, reject) => {
          calls.push({ progress, settle: (error) => (error ? reject(error) : resolve()) });
        }),
      merge: (older, newer) => [...older, ...newer],
      onFailure: (error) => failures.push(error),
    },
    { minIntervalMs, maxUncommittedRecords: 10 },
  );
  return { commits, calls, failures };
}

/** Lets the commit loop run up to its next await. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("BackgroundCommits", () => {
  it("commits at once, and merges what comes meanwhile into one next commit", async () => {
    const { commits, calls } = manualCommits();
    commits.add([1], 2);
    await settle();
    commits.add([2], 2);
    commits.add([3], 2);
    expect(calls.map((c) => c.progress)).toEqual([[1]]);
    expect(commits.uncommittedRecords).toBe(6);
    calls[0]?.settle();
    await settle();
    expect(calls.map((c) => c.progress)).toEqual([[1], [2, 3]]);
    calls[1]?.settle();
    await commits.drain();
    expect(commits.uncommittedRecords).toBe(0);
  });

  it("makes room at once under the limit, and only after a commit beyond it", async () => {
    const { commits, calls } = manualCommits();
    commits.add([1], 6);
    await commits.roomFor(4);
    let hasRoom = false;
    const room = commits.roomFor(5).then(() => {
      hasRoom = true;
    });
    await settle();
    expect(hasRoom).toBe(false);
    calls[0]?.settle();
    await room;
    expect(hasRoom).toBe(true);
  });

  it("always has room for a batch larger than the limit once everything is committed", async () => {
    const { commits } = manualCommits();
    await expect(commits.roomFor(50)).resolves.toBeUndefined();
  });

  it("commits nothing after a failure, says so once, and throws it from every later call", async () => {
    const { commits, calls, failures } = manualCommits();
    commits.add([1], 1);
    await settle();
    commits.add([2], 1);
    const broken = new Error("fenced");
    calls[0]?.settle(broken);
    await expect(commits.drain()).rejects.toBe(broken);
    expect(calls).toHaveLength(1);
    expect(failures).toEqual([broken]);
    expect(commits.error).toBe(broken);
    expect(() => commits.add([3], 1)).toThrow(broken);
    await expect(commits.roomFor(1)).rejects.toBe(broken);
  });

  describe("with a least interval between commits", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /**
     * Commits of at most one per 100 ms whose first, of `records`, has just ended, so the next waits its
     * turn. Fakes only the clock the interval reads and waits on, so `settle` still runs on setImmediate.
     */
    async function betweenCommits(records: number) {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
      const manual = manualCommits(100);
      manual.commits.add([1], records);
      expect(manual.calls.map((c) => c.progress)).toEqual([[1]]);
      manual.calls[0]?.settle();
      await settle();
      return manual;
    }

    it("commits the first at once, then waits out the interval, merging what comes meanwhile", async () => {
      const { commits, calls } = await betweenCommits(1);
      commits.add([2], 1);
      commits.add([3], 1);
      await vi.advanceTimersByTimeAsync(99);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.map((c) => c.progress)).toEqual([[1], [2, 3]]);
    });

    it("starts the next commit at once when a batch waits for room", async () => {
      const { commits, calls } = await betweenCommits(2);
      commits.add([2], 4);
      await settle();
      expect(calls).toHaveLength(1);
      const room = commits.roomFor(7);
      await settle();
      expect(calls.map((c) => c.progress)).toEqual([[1], [2]]);
      calls[1]?.settle();
      await expect(room).resolves.toBeUndefined();
    });

    it("starts the next commit at once when the records waiting reach half the limit", async () => {
      const { commits, calls } = await betweenCommits(2);
      commits.add([2], 4);
      await settle();
      expect(calls).toHaveLength(1);
      commits.add([3], 1);
      await settle();
      expect(calls.map((c) => c.progress)).toEqual([[1], [2, 3]]);
    });

    it("starts the next commit at once when asked to drain", async () => {
      const { commits, calls } = await betweenCommits(1);
      commits.add([2], 1);
      const drained = commits.drain();
      await settle();
      expect(calls.map((c) => c.progress)).toEqual([[1], [2]]);
      calls[1]?.settle();
      await expect(drained).resolves.toBeUndefined();
    });

    it("waits out the interval again once a drain has ended", async () => {
      const { commits, calls } = await betweenCommits(1);
      commits.add([2], 1);
      const drained = commits.drain();
      await settle();
      calls[1]?.settle();
      await drained;
      commits.add([3], 1);
      await settle();
      expect(calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(100);
      expect(calls.map((c) => c.progress)).toEqual([[1], [2], [3]]);
    });
  });
});
