import { describe, expect, it } from "vitest";
import { FatalError, PluginError, RetriableError, toPluginError } from "./errors.js";

describe("toPluginError", () => {
  it("keeps a PluginError as it is", () => {
    const error = new RetriableError("the database is down", { recordIndex: 3 });
    expect(toPluginError(error)).toBe(error);
    expect(error).toMatchObject({ retriable: true, recordIndex: 3, name: "RetriableError" });
  });

  it("keeps the verdict of a foreign error that carries a retriable flag", () => {
    const foreign = Object.assign(new Error("broker not available"), { retriable: true });
    const normalized = toPluginError(foreign);
    expect(normalized).toBeInstanceOf(PluginError);
    expect(normalized).toMatchObject({ retriable: true, message: "broker not available", cause: foreign });
  });

  it("treats any other error as fatal, as an unexpected exception fails a Connect task", () => {
    expect(toPluginError(new TypeError("x is undefined")).retriable).toBe(false);
    expect(toPluginError("a string").message).toBe("a string");
  });

  it("pins the flag in the subclasses", () => {
    expect(new FatalError("bad data").retriable).toBe(false);
  });
});
