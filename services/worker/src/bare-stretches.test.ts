import type { IncomingMessage } from "@connect-mesh/kafka";
import { describe, expect, it } from "vitest";
import { bareStretches } from "./bare-stretches.js";

/** Messages from a pattern: `b` a bare one, `h` one with a trace header. */
function messagesOf(pattern: string): IncomingMessage[] {
  return [...pattern].map((kind, index) => ({
    key: null,
    value: Buffer.from(`line ${index}`),
    headers:
      kind === "h"
        ? { traceparent: Buffer.from("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") }
        : undefined,
    timestamp: "1700000000000",
    offset: String(index),
  }));
}

describe("bareStretches", () => {
  it("keeps a batch of bare messages whole", () => {
    expect(bareStretches(messagesOf("bbbb"), 2)).toEqual([{ start: 0, end: 4, bare: true }]);
  });

  it("cuts bare messages from the traced ones among them", () => {
    expect(bareStretches(messagesOf("bbbhhbbb"), 2)).toEqual([
      { start: 0, end: 3, bare: true },
      { start: 3, end: 5, bare: false },
      { start: 5, end: 8, bare: true },
    ]);
  });

  it("lets a bare stretch shorter than the minimum go one by one with its neighbours", () => {
    expect(bareStretches(messagesOf("hbhbbbhbh"), 3)).toEqual([
      { start: 0, end: 3, bare: false },
      { start: 3, end: 6, bare: true },
      { start: 6, end: 9, bare: false },
    ]);
  });

  it("keeps a short batch of bare messages whole, and an empty one has no stretches", () => {
    expect(bareStretches(messagesOf("bb"), 3)).toEqual([{ start: 0, end: 2, bare: true }]);
    expect(bareStretches(messagesOf("bbh"), 3)).toEqual([{ start: 0, end: 3, bare: false }]);
    expect(bareStretches([], 3)).toEqual([]);
  });

  it("reads empty headers as none", () => {
    const [message] = messagesOf("b");
    expect(bareStretches([{ ...(message as IncomingMessage), headers: {} }], 1)).toEqual([
      { start: 0, end: 1, bare: true },
    ]);
  });
});
