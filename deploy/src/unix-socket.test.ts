import { describe, expect, it } from "vitest";
import { StackError } from "./stack-error.js";
import { ensureSocketPathFits } from "./unix-socket.js";

describe("ensureSocketPathFits", () => {
  it("accepts a path of up to 107 bytes", () => {
    expect(() => ensureSocketPathFits(`/${"a".repeat(106)}`, "MariaDB")).not.toThrow();
  });

  it("rejects a longer one, counting bytes rather than characters, and says to shorten the run directory", () => {
    expect(() => ensureSocketPathFits(`/${"a".repeat(107)}`, "MariaDB")).toThrow(StackError);
    expect(() => ensureSocketPathFits(`/${"é".repeat(54)}`, "PostgreSQL")).toThrow(
      "choose a shorter run directory (--run-dir)",
    );
  });
});
