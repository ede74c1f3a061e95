import { logLevel, Partitioners } from "kafkajs";
import { describe, expect, it } from "vitest";
import {
  clientConfigOf,
  PRODUCER_PROFILES,
  probeConfigOf,
  readerConsumerConfigOf,
  sinkConsumerConfigOf,
} from "./client-profiles.js";

describe("clientConfigOf", () => {
  it.each([
    ["warnings", logLevel.WARN],
    ["none", logLevel.NOTHING],
  ] as const)("lets kafkajs log %s", (logs, level) => {
    expect(clientConfigOf({ clientId: "connect-mesh-w1", brokers: ["a:9092", "b:9092"], logs })).toEqual({
      clientId: "connect-mesh-w1",
      brokers: ["a:9092", "b:9092"],
      logLevel: level,
    });
  });
});

describe("probeConfigOf", () => {
  it("is silent, does not retry and has its own timeouts", () => {
    expect(
      probeConfigOf({
        clientId: "cmesh-health",
        brokers: ["a:9092"],
        connectionTimeoutMs: 1_000,
        requestTimeoutMs: 2_000,
      }),
    ).toEqual({
      clientId: "cmesh-health",
      brokers: ["a:9092"],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
    });
  });

  it("leaves the request timeout to kafkajs when none is given", () => {
    const config = probeConfigOf({ clientId: "c", brokers: ["a:9092"], connectionTimeoutMs: 2_000 });
    expect(config.requestTimeout).toBeUndefined();
    expect(config.connectionTimeout).toBe(2_000);
  });
});

describe("PRODUCER_PROFILES", () => {
  it.each(["source", "offsets", "dead-letter"] as const)(
    "makes the %s producer idempotent, one request in flight, keys hashed as Java's clients do",
    (profile) => {
      expect(PRODUCER_PROFILES[profile]).toEqual({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
    },
  );
});

describe("sinkConsumerConfigOf", () => {
  it("joins the connector's group with a 10 s session", () => {
    const config = sinkConsumerConfigOf("orders-sink", () => true);
    expect(config.groupId).toBe("connect-orders-sink");
    expect(config.sessionTimeout).toBe(10_000);
  });

  it.each([true, false])("restarts after a crash only when the task says so (%s)", async (mayRestart) => {
    const restartOnFailure = sinkConsumerConfigOf("c", () => mayRestart).retry?.restartOnFailure;
    expect(await restartOnFailure?.(new Error("the group is rebalancing"))).toBe(mayRestart);
  });
});

describe("readerConsumerConfigOf", () => {
  it("reads in a throwaway group of its own each time", () => {
    const first = readerConsumerConfigOf("cmesh-read").groupId;
    const second = readerConsumerConfigOf("cmesh-read").groupId;
    expect(first).toMatch(/^cmesh-read-[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it("keeps kafkajs's retries unless told otherwise", () => {
    expect(readerConsumerConfigOf("r").retry).toBeUndefined();
    expect(readerConsumerConfigOf("r", 2).retry).toEqual({ retries: 2 });
  });
});
