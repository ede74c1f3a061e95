import kafkajs from "kafkajs";
import { describe, expect, it } from "vitest";
import { isKafkaError, isRetriableKafkaError } from "./kafka-errors.js";

const grpcUnavailable = Object.assign(new Error("14 UNAVAILABLE"), { code: 14, details: "", metadata: {} });

describe("isKafkaError and isRetriableKafkaError", () => {
  it.each([
    ["a retriable client error", new kafkajs.KafkaJSError("coordinator loading"), true, true],
    ["a connection error", new kafkajs.KafkaJSConnectionError("connection refused"), true, true],
    [
      "an error whose retries are spent",
      new kafkajs.KafkaJSNonRetriableError("the coordinator is not available"),
      true,
      false,
    ],
    [
      "an error the client marks final",
      new kafkajs.KafkaJSError("topic authorization failed", { retriable: false }),
      true,
      false,
    ],
    [
      "another library's retriable error",
      Object.assign(new Error("busy"), { retriable: true }),
      false,
      false,
    ],
    ["a gRPC status", grpcUnavailable, false, false],
    ["something thrown that is not an error", "boom", false, false],
    ["undefined", undefined, false, false],
  ])("tells %s apart", (_, error, isKafka, isRetriable) => {
    expect(isKafkaError(error)).toBe(isKafka);
    expect(isRetriableKafkaError(error)).toBe(isRetriable);
  });
});
