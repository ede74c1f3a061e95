import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KeepAliveClock } from "./keep-alive-clock.js";

describe("KeepAliveClock", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function clock(safetyMarginMs = 0) {
    const expired = vi.fn();
    return { clock: new KeepAliveClock(expired, { safetyMarginMs }), expired };
  }

  describe("start", () => {
    it("expires a TTL after the grant was sent, less the safety margin", () => {
      const { clock: c, expired } = clock(100);
      c.start(0, 2_000);
      vi.advanceTimersByTime(1_899);
      expect(expired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(expired).toHaveBeenCalledOnce();
    });
  });

  describe("answered", () => {
    it("extends the lease from when the answered keep-alive was sent, not from when the answer came", () => {
      const { clock: c, expired } = clock();
      c.start(0, 2_000);
      vi.advanceTimersByTime(600);
      c.sent();
      vi.advanceTimersByTime(900);
      c.answered(2_000); // sent at 600, so alive until 2 600, not 3 500
      vi.advanceTimersByTime(1_099);
      expect(expired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(expired).toHaveBeenCalledOnce();
    });

    it("pairs answers with sends in order", () => {
      const { clock: c, expired } = clock();
      c.start(0, 1_000);
      c.sent(); // at 0
      vi.advanceTimersByTime(500);
      c.sent(); // at 500
      c.answered(1_000); // the one sent at 0: alive until 1 000
      vi.advanceTimersByTime(499);
      c.answered(1_000); // the one sent at 500: alive until 1 500
      vi.advanceTimersByTime(500);
      expect(expired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(expired).toHaveBeenCalledOnce();
    });

    it("extends nothing with an answer it cannot pair, such as one for a send on a replaced stream", () => {
      const { clock: c, expired } = clock();
      c.start(0, 1_000);
      c.sent();
      c.streamReplaced();
      vi.advanceTimersByTime(900);
      c.answered(1_000);
      vi.advanceTimersByTime(100);
      expect(expired).toHaveBeenCalledOnce();
    });
  });

  describe("stop", () => {
    it("never calls expired after it stopped", () => {
      const { clock: c, expired } = clock();
      c.start(0, 1_000);
      c.stop();
      vi.advanceTimersByTime(5_000);
      expect(expired).not.toHaveBeenCalled();
    });
  });
});
