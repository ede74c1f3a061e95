import { describe, expect, it } from "vitest";
import type {
  CommitResult,
  CoordinationStore,
  Leadership,
  Lease,
  Listing,
  StoredValue,
  WatchEvent,
} from "./coordination-store.js";
import { CoordinationUnavailableError, WatchCompactedError } from "./errors.js";
import type { ServiceInstance } from "./service-instance.js";
import { ServiceRegistry, serviceKey } from "./service-registry.js";

const ROOT = "/connect-mesh/test";

function instance(instanceId: string): ServiceInstance {
  return {
    serviceType: "worker",
    instanceId,
    address: `${instanceId}:50051`,
    plugins: [],
    version: "1.0.0",
    registeredAt: "2026-01-01T00:00:00.000Z",
  };
}

const keyOf = (instanceId: string): string => `${ROOT}/services/worker/${instanceId}`;

/**
 * The registry's logic against a scripted port: listings come from `entries`, and each watch plays the next
 * script. Only what the registry uses is implemented; the real stores are tested by the port suite.
 */
class ScriptedStore implements CoordinationStore {
  readonly entries = new Map<string, string>();
  readonly watchedAfter: number[] = [];
  revision = 10;

  constructor(private readonly scripts: ((signal: AbortSignal) => AsyncIterable<WatchEvent>)[]) {}

  async list(prefix: string): Promise<Listing> {
    const items: StoredValue[] = [...this.entries]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => ({ key, value, modRevision: 1 }));
    return { items, revision: this.revision };
  }

  watch(_prefix: string, options: { afterRevision: number; signal: AbortSignal }): AsyncIterable<WatchEvent> {
    this.watchedAfter.push(options.afterRevision);
    const script = this.scripts.shift();
    if (!script) throw new Error("the test scripted no more watches");
    return script(options.signal);
  }

  async put(key: string, value: string): Promise<number> {
    this.entries.set(key, value);
    return ++this.revision;
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  grantLease(): Promise<Lease> {
    return notUsed();
  }
  get(): Promise<StoredValue | undefined> {
    return notUsed();
  }
  commit(): Promise<CommitResult> {
    return notUsed();
  }
  campaign(): Promise<Leadership> {
    return notUsed();
  }
  leader(): Promise<string | undefined> {
    return notUsed();
  }
  close(): Promise<void> {
    return notUsed();
  }
}

function notUsed(): Promise<never> {
  return Promise.reject(new Error("the registry does not use this"));
}

const aLease: Lease = { id: "1", lost: new AbortController().signal, revoke: async () => undefined };

describe("ServiceRegistry", () => {
  describe("watch", () => {
    it("lists again after WatchCompactedError, and follows from the new listing's revision", async () => {
      const store = new ScriptedStore([
        async function* compacted() {
          // While this watch was failing, a worker registered: only a new listing can show it.
          store.entries.set(keyOf("w1"), JSON.stringify(instance("w1")));
          store.revision = 20;
          yield* [];
          throw new WatchCompactedError(`${ROOT}/services/worker/`, 11);
        },
        async function* following() {
          yield { type: "put", key: keyOf("w2"), value: JSON.stringify(instance("w2")), modRevision: 21 };
          yield { type: "delete", key: keyOf("w1"), modRevision: 22 };
        },
      ]);
      const controller = new AbortController();
      const sets: string[][] = [];
      for await (const instances of new ServiceRegistry(store, ROOT).watch("worker", controller.signal)) {
        sets.push(instances.map((i) => i.instanceId));
        if (sets.length === 4) controller.abort();
      }
      expect(sets).toEqual([[], ["w1"], ["w1", "w2"], ["w2"]]);
      expect(store.watchedAfter).toEqual([10, 20]);
    });

    it("ends with any other error, leaving the retry to the caller", async () => {
      const unavailable = new CoordinationUnavailableError(["http://etcd:2379"], "watching");
      const store = new ScriptedStore([
        // biome-ignore lint/correctness/useYield: a watch that fails before any event
        async function* failing() {
          throw unavailable;
        },
      ]);
      const sets: ServiceInstance[][] = [];
      const watching = (async () => {
        for await (const instances of new ServiceRegistry(store, ROOT).watch(
          undefined,
          AbortSignal.timeout(5_000),
        )) {
          sets.push(instances);
        }
      })();
      await expect(watching).rejects.toBe(unavailable);
      expect(sets).toEqual([[]]);
    });

    it("leaves out an entry that stops parsing, and reports it", async () => {
      const invalid: string[] = [];
      const store = new ScriptedStore([
        async function* corrupted() {
          yield { type: "put", key: keyOf("w1"), value: "{", modRevision: 11 };
        },
      ]);
      store.entries.set(keyOf("w1"), JSON.stringify(instance("w1")));
      const controller = new AbortController();
      const sets: string[][] = [];
      const registry = new ServiceRegistry(store, ROOT, (entry) => invalid.push(entry.key));
      for await (const instances of registry.watch("worker", controller.signal)) {
        sets.push(instances.map((i) => i.instanceId));
        if (sets.length === 2) controller.abort();
      }
      expect(sets).toEqual([["w1"], []]);
      expect(invalid).toEqual([keyOf("w1")]);
    });
  });

  describe("register", () => {
    it("writes the instance as JSON under its type and URI-encoded id", async () => {
      const store = new ScriptedStore([]);
      await new ServiceRegistry(store, ROOT).register(instance("w/1"), aLease);
      expect(JSON.parse(store.entries.get(`${ROOT}/services/worker/w%2F1`) ?? "null")).toEqual(
        instance("w/1"),
      );
    });

    it("refuses an instance that readers could not parse", async () => {
      const store = new ScriptedStore([]);
      const registering = new ServiceRegistry(store, ROOT).register(
        { ...instance("w1"), instanceId: "" },
        aLease,
      );
      await expect(registering).rejects.toMatchObject({ retriable: false });
      expect(store.entries.size).toBe(0);
    });
  });

  describe("serviceKey", () => {
    it.each([
      ["worker", "w1", `${ROOT}/services/worker/w1`],
      ["connector", "file/1", `${ROOT}/services/connector/file%2F1`],
      ["a/b", "c", `${ROOT}/services/a%2Fb/c`],
    ])("puts %s instance %s at its own key", (serviceType, instanceId, key) => {
      expect(serviceKey(ROOT, serviceType, instanceId)).toBe(key);
    });
  });
});
