import { describe, expect, it } from "vitest";
import { RestartSchedule } from "./restart-schedule.js";

/**
 * A service that dies again at once after every restart, looked at every 500 ms from 0 to `until`: how
 * long the schedule waited, each time, from seeing it dead to restarting it.
 */
function waitsBeforeRestarts(schedule: RestartSchedule, name: string, until: number): number[] {
  const waits: number[] = [];
  let seenDeadAt: number | undefined;
  for (let now = 0; now <= until; now += 500) {
    seenDeadAt ??= now;
    if (schedule.observe(name, false, now)) {
      waits.push(now - seenDeadAt);
      schedule.restarted(name, now);
      seenDeadAt = undefined;
    }
  }
  return waits;
}

describe("RestartSchedule", () => {
  it("restarts a dead service after 1 s, then waits twice as long each time it dies again, up to 30 s", () => {
    const waits = waitsBeforeRestarts(new RestartSchedule(), "worker", 130_000);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("leaves a living service alone", () => {
    const schedule = new RestartSchedule();
    for (let now = 0; now <= 10_000; now += 500) expect(schedule.observe("worker", true, now)).toBe(false);
  });

  it("starts the waits over once a restarted service has run a minute", () => {
    const schedule = new RestartSchedule();
    expect(waitsBeforeRestarts(schedule, "worker", 3_500)).toEqual([1_000, 2_000]);
    // Restarted at 3.5 s and alive until 64 s: well again.
    for (let now = 4_000; now <= 64_000; now += 500) schedule.observe("worker", true, now);
    expect(schedule.observe("worker", false, 64_500)).toBe(false);
    expect(schedule.observe("worker", false, 65_500)).toBe(true);
  });

  it("keeps the longer wait for a service that dies again within the minute", () => {
    const schedule = new RestartSchedule();
    expect(waitsBeforeRestarts(schedule, "worker", 3_500)).toEqual([1_000, 2_000]);
    for (let now = 4_000; now <= 30_000; now += 500) schedule.observe("worker", true, now);
    expect(schedule.observe("worker", false, 30_500)).toBe(false);
    expect(schedule.observe("worker", false, 34_000)).toBe(false);
    expect(schedule.observe("worker", false, 34_500)).toBe(true);
  });

  it("keeps each service's record apart, and forgets one on request", () => {
    const schedule = new RestartSchedule();
    waitsBeforeRestarts(schedule, "worker", 3_500);
    expect(schedule.observe("coordinator", false, 0)).toBe(false);
    expect(schedule.observe("coordinator", false, 1_000)).toBe(true);
    schedule.forget("worker");
    expect(schedule.observe("worker", false, 10_000)).toBe(false);
    expect(schedule.observe("worker", false, 11_000)).toBe(true);
  });
});
