import { describe, expect, it } from "vitest";
import { uniquePorts } from "./ports.js";

/** A stand-in for the OS: offers `offers` in turn, then the last one for ever. */
function osOffering(...offers: number[]): () => Promise<number> {
  let next = 0;
  return async () => offers[Math.min(next++, offers.length - 1)] ?? 0;
}

describe("uniquePorts", () => {
  it("skips a port the OS offers again after it was handed out", async () => {
    const pick = uniquePorts(osOffering(40585, 40585, 40586, 40585, 40587));
    expect([await pick(), await pick(), await pick()]).toEqual([40585, 40586, 40587]);
  });

  it("gives up, saying why, when the OS offers nothing new", async () => {
    const pick = uniquePorts(osOffering(40585));
    await pick();
    await expect(pick()).rejects.toThrow("the OS offered only ports already handed out, 101 times in a row");
  });
});
