import { describe, expect, it } from "vitest";
import { isWorkerLabel } from "./worker-labels.js";

describe("isWorkerLabel", () => {
  it("accepts each worker's id, and the one worker of older results", () => {
    expect(["worker-1", "worker-12", "worker"].every(isWorkerLabel)).toBe(true);
  });

  it("rejects the other processes", () => {
    expect(["broker", "file service", "workers", "worker-", "kafkajs loop"].some(isWorkerLabel)).toBe(false);
  });
});
