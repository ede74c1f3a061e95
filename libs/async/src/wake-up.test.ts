import { describe, expect, it } from "vitest";
import { WakeUp } from "./wake-up.js";

describe("WakeUp", () => {
  it("resolves at once when a cue came before the wait", async () => {
    const wakeUp = new WakeUp();
    wakeUp.cue();
    await expect(wakeUp.next(new AbortController().signal)).resolves.toBeUndefined();
  });

  it("turns many cues during a run into one more run", async () => {
    const wakeUp = new WakeUp();
    const signal = new AbortController().signal;
    wakeUp.cue();
    wakeUp.cue();
    wakeUp.cue();
    await wakeUp.next(signal);
    let woke = false;
    const waiting = wakeUp.next(signal).then(() => {
      woke = true;
    });
    await Promise.resolve();
    expect(woke).toBe(false);
    wakeUp.cue();
    await waiting;
    expect(woke).toBe(true);
  });

  it("rejects a wait when its signal aborts", async () => {
    const controller = new AbortController();
    const waiting = new WakeUp().next(controller.signal);
    controller.abort(new Error("stopping"));
    await expect(waiting).rejects.toThrow("stopping");
  });
});
