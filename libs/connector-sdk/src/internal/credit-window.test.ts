import { describe, expect, it } from "vitest";
import { CreditWindow } from "./credit-window.js";
import { ProtocolError } from "./protocol-errors.js";

describe("CreditWindow.grant", () => {
  it("adds up credits", () => {
    const credits = new CreditWindow();
    credits.grant(2);
    credits.grant(3);
    expect(credits.remaining).toBe(5);
  });

  it.each([0, -1, 1.5])("refuses a credit of %d, which the contract forbids", (batches) => {
    expect(() => new CreditWindow().grant(batches)).toThrow(ProtocolError);
  });
});

describe("CreditWindow.take", () => {
  it("uses one batch of credit at a time", () => {
    const credits = new CreditWindow();
    credits.grant(1);
    credits.take();
    expect(credits.remaining).toBe(0);
  });

  it("refuses to go below zero, since that would send past the credit", () => {
    expect(() => new CreditWindow().take()).toThrow(/no credit left/);
  });
});

describe("CreditWindow.waitForCredit", () => {
  it("resolves at once while credit remains", async () => {
    const credits = new CreditWindow();
    credits.grant(1);
    await expect(credits.waitForCredit(new AbortController().signal)).resolves.toBeUndefined();
  });

  it("waits until credit is granted", async () => {
    const credits = new CreditWindow();
    let isResolved = false;
    const waiting = credits.waitForCredit(new AbortController().signal).then(() => {
      isResolved = true;
    });
    await Promise.resolve();
    expect(isResolved).toBe(false);
    credits.grant(1);
    await waiting;
    expect(isResolved).toBe(true);
    expect(credits.remaining).toBe(1);
  });

  it("rejects with the signal's reason when aborted while waiting", async () => {
    const credits = new CreditWindow();
    const stop = new AbortController();
    const waiting = credits.waitForCredit(stop.signal);
    stop.abort(new Error("stream ended"));
    await expect(waiting).rejects.toThrow("stream ended");
  });
});
