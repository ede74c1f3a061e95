import { createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { ScopedContextManager } from "./scoped-context-manager.js";

const KEY = createContextKey("test");
const contextOf = (name: string) => ROOT_CONTEXT.setValue(KEY, name);
const activeName = (manager: ScopedContextManager) => manager.active().getValue(KEY);

describe("ScopedContextManager", () => {
  it("keeps a context active for a function's synchronous run only, nested ones innermost", async () => {
    const manager = new ScopedContextManager();
    const seen: unknown[] = [];
    const pending = manager.with(contextOf("outer"), async () => {
      seen.push(activeName(manager));
      manager.with(contextOf("inner"), () => seen.push(activeName(manager)));
      seen.push(activeName(manager));
      await Promise.resolve();
      seen.push(activeName(manager));
    });
    seen.push(activeName(manager));
    await pending;
    expect(seen).toEqual(["outer", "inner", "outer", undefined, undefined]);
  });

  it("keeps a context active across the awaits of work, and none once it settles", async () => {
    const manager = new ScopedContextManager();
    const seen: unknown[] = [];
    const result = await manager.with(contextOf("call"), () =>
      manager.acrossAwaits(contextOf("batch"), async () => {
        seen.push(activeName(manager));
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(activeName(manager));
        manager.with(contextOf("export"), () => seen.push(activeName(manager)));
        seen.push(activeName(manager));
        return "written";
      }),
    );
    expect(result).toBe("written");
    expect(seen).toEqual(["batch", "batch", "export", "batch"]);
    expect(activeName(manager)).toBeUndefined();
  });

  it("keeps each of two overlapping pieces of work in its own context", async () => {
    const manager = new ScopedContextManager();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = manager.acrossAwaits(contextOf("first"), async () => {
      await gate;
      return activeName(manager);
    });
    // The second ends while the first still waits: the first keeps its context.
    const second = await manager.acrossAwaits(contextOf("second"), async () => {
      await Promise.resolve();
      return activeName(manager);
    });
    release();
    expect([await first, second]).toEqual(["first", "second"]);
  });

  it("passes a failure on and still works for the work after it", async () => {
    const manager = new ScopedContextManager();
    await expect(
      manager.acrossAwaits(contextOf("failing"), async () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(() =>
      manager.acrossAwaits(contextOf("throwing"), () => {
        throw new Error("at once");
      }),
    ).toThrow("at once");
    expect(manager.acrossAwaits(contextOf("sync"), () => activeName(manager))).toBe("sync");
    const later = await manager.acrossAwaits(contextOf("later"), async () => {
      await Promise.resolve();
      return activeName(manager);
    });
    expect(later).toBe("later");
  });

  it("binds a function to a context for its synchronous run", () => {
    const manager = new ScopedContextManager();
    const bound = manager.bind(
      contextOf("bound"),
      (suffix: string) => `${String(activeName(manager))}${suffix}`,
    );
    expect(bound("!")).toBe("bound!");
    expect(manager.bind(contextOf("bound"), 42)).toBe(42);
  });
});
