import { describe, expect, it } from "vitest";
import { LastRepeated } from "./last-repeated.js";

interface Box {
  n: number;
}

const boxes = () =>
  new LastRepeated<Box, string>(
    (a, b) => a.n === b.n,
    (box) => ({ ...box }),
  );

describe("LastRepeated", () => {
  it("hands out a result only once its input has come twice in a row", () => {
    const last = boxes();
    last.remember({ n: 1 }, "1", "one");
    expect(last.find({ n: 1 })).toBeUndefined();
    last.remember({ n: 1 }, "1", "one");
    expect(last.find({ n: 1 })).toBe("one");
    expect(last.find({ n: 2 })).toBeUndefined();
  });

  it("keeps nothing while inputs alternate", () => {
    const last = boxes();
    for (const n of [1, 2, 1, 2]) last.remember({ n }, String(n), `r${n}`);
    expect(last.find({ n: 1 })).toBeUndefined();
    expect(last.find({ n: 2 })).toBeUndefined();
  });

  it("compares with its own copy, so a caller changing its input later changes nothing", () => {
    const last = boxes();
    const input = { n: 1 };
    last.remember(input, "1", "one");
    last.remember(input, "1", "one");
    input.n = 2;
    expect(last.find({ n: 1 })).toBe("one");
    expect(last.find({ n: 2 })).toBeUndefined();
  });
});
