import { describe, expect, it } from "vitest";
import { BoundedEventQueue } from "./bounded-event-queue.js";

function queueWithLog(highWaterMark = 4, lowWaterMark = 2) {
  const log: string[] = [];
  const queue = new BoundedEventQueue<number>({
    highWaterMark,
    lowWaterMark,
    pause: () => log.push(`pause at ${queue.size}`),
    resume: () => log.push(`resume at ${queue.size}`),
  });
  return { queue, log };
}

async function take(iterator: AsyncIterator<number>, count: number): Promise<number[]> {
  const taken: number[] = [];
  for (let i = 0; i < count; i++) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

describe("BoundedEventQueue", () => {
  describe("constructor", () => {
    it.each([
      [0, 0],
      [4, 4],
      [4, -1],
    ])("refuses highWaterMark %i with lowWaterMark %i", (highWaterMark, lowWaterMark) => {
      expect(
        () => new BoundedEventQueue({ highWaterMark, lowWaterMark, pause: () => {}, resume: () => {} }),
      ).toThrow(RangeError);
    });
  });

  describe("push", () => {
    it("pauses the source once the high-water mark is reached, and only once", () => {
      const { queue, log } = queueWithLog();
      queue.push([1, 2, 3]);
      expect(log).toEqual([]);
      queue.push([4]);
      queue.push([5, 6]);
      expect(log).toEqual(["pause at 4"]);
      expect(queue.paused).toBe(true);
      expect(queue.size).toBe(6);
    });

    it("ignores batches after the stream failed or ended", () => {
      const { queue } = queueWithLog();
      queue.end();
      queue.push([1]);
      expect(queue.size).toBe(0);
    });
  });

  describe("drain", () => {
    it("yields in order and resumes the source once drained to the low-water mark", async () => {
      const { queue, log } = queueWithLog();
      queue.push([1, 2, 3, 4, 5]);
      const iterator = queue.drain(new AbortController().signal);
      expect(await take(iterator, 2)).toEqual([1, 2]);
      expect(log).toEqual(["pause at 5"]);
      expect(await take(iterator, 1)).toEqual([3]);
      expect(log).toEqual(["pause at 5", "resume at 2"]);
      queue.push([6]);
      expect(await take(iterator, 3)).toEqual([4, 5, 6]);
    });

    it("waits for the next batch when it is empty", async () => {
      const { queue } = queueWithLog();
      const iterator = queue.drain(new AbortController().signal);
      const next = iterator.next();
      queue.push([7]);
      expect(await next).toEqual({ done: false, value: 7 });
    });

    it("delivers what was queued before a failure, then throws it", async () => {
      const { queue, log } = queueWithLog();
      queue.push([1, 2, 3, 4]);
      queue.fail(new Error("compacted"));
      const iterator = queue.drain(new AbortController().signal);
      expect(await take(iterator, 4)).toEqual([1, 2, 3, 4]);
      await expect(iterator.next()).rejects.toThrow("compacted");
      // A failed stream is never resumed: there is nothing more to fetch.
      expect(log).toEqual(["pause at 4"]);
    });

    it("delivers what was queued before the end, then ends", async () => {
      const { queue } = queueWithLog();
      queue.push([1]);
      queue.end();
      expect(await take(queue.drain(new AbortController().signal), 5)).toEqual([1]);
    });

    it("returns at once when its signal aborts, even while waiting", async () => {
      const { queue } = queueWithLog();
      const controller = new AbortController();
      const iterator = queue.drain(controller.signal);
      const next = iterator.next();
      controller.abort();
      expect(await next).toEqual({ done: true, value: undefined });
    });

    it("tells an undefined item apart from an empty queue", async () => {
      const queue = new BoundedEventQueue<undefined>({
        highWaterMark: 4,
        lowWaterMark: 2,
        pause: () => {},
        resume: () => {},
      });
      queue.push([undefined, undefined]);
      queue.end();
      const items: undefined[] = [];
      for await (const item of queue.drain(new AbortController().signal)) items.push(item);
      expect(items).toEqual([undefined, undefined]);
    });
  });
});
