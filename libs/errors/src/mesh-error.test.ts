import { describe, expect, it } from "vitest";
import { MeshError, retriableVerdictOf, toMeshError } from "./mesh-error.js";

class StoreDown extends MeshError {
  constructor() {
    super("the store did not answer", { retriable: true });
  }
}

/** An error as kafkajs makes them: its own class with a `retriable` flag. */
class ForeignError extends Error {
  constructor(readonly retriable: boolean) {
    super("leader not available");
  }
}

describe("MeshError", () => {
  it("names itself after its class and keeps its verdict and cause", () => {
    const cause = new Error("ECONNREFUSED");
    const error = new MeshError("no answer", { retriable: true, cause });
    expect([error.name, error.message, error.retriable, error.cause]).toEqual([
      "MeshError",
      "no answer",
      true,
      cause,
    ]);
    expect(new StoreDown().name).toBe("StoreDown");
  });
});

describe("toMeshError", () => {
  it("returns our own errors unchanged", () => {
    const error = new StoreDown();
    expect(toMeshError(error)).toBe(error);
  });

  it("keeps the verdict of another library's error that carries one, with that error as the cause", () => {
    for (const retriable of [true, false]) {
      const foreign = new ForeignError(retriable);
      const normalized = toMeshError(foreign);
      expect([normalized.message, normalized.retriable, normalized.cause]).toEqual([
        "leader not available",
        retriable,
        foreign,
      ]);
    }
  });

  it("takes anything else as not retriable, and never leaves the message empty", () => {
    expect(toMeshError(new TypeError("x is undefined")).retriable).toBe(false);
    expect(toMeshError("a string").message).toBe("a string");
    expect(toMeshError(new Error("")).message).toBe("an error without a message");
    expect(toMeshError({ retriable: "yes" }).retriable).toBe(false);
  });
});

describe("retriableVerdictOf", () => {
  it("is the error's own flag, or undefined when it has none", () => {
    expect(retriableVerdictOf(new StoreDown())).toBe(true);
    expect(retriableVerdictOf(new ForeignError(false))).toBe(false);
    expect(retriableVerdictOf(new Error("plain"))).toBeUndefined();
    expect(retriableVerdictOf(undefined)).toBeUndefined();
  });
});
