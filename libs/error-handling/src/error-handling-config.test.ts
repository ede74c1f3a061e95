import { describe, expect, it } from "vitest";
import {
  ERROR_CONFIG_KEYS,
  ErrorHandlingConfigError,
  errorHandlingConfigFrom,
  validateErrorHandlingConfig,
} from "./error-handling-config.js";

describe("errorHandlingConfigFrom", () => {
  it("fills in Connect's defaults", () => {
    expect(errorHandlingConfigFrom({})).toEqual({
      tolerance: "none",
      retryTimeoutMs: 0,
      retryDelayMaxMs: 60_000,
      logEnabled: false,
      logIncludeMessages: false,
      deadLetterTopic: undefined,
      deadLetterReplicationFactor: 3,
      deadLetterContextHeaders: false,
    });
  });

  it("reads every key as Connect writes it", () => {
    expect(
      errorHandlingConfigFrom({
        "errors.tolerance": "ALL",
        "errors.retry.timeout": "-1",
        "errors.retry.delay.max.ms": "1000",
        "errors.log.enable": "true",
        "errors.log.include.messages": "TRUE",
        "errors.deadletterqueue.topic.name": " dlq-orders ",
        "errors.deadletterqueue.topic.replication.factor": "1",
        "errors.deadletterqueue.context.headers.enable": "true",
      }),
    ).toEqual({
      tolerance: "all",
      retryTimeoutMs: -1,
      retryDelayMaxMs: 1000,
      logEnabled: true,
      logIncludeMessages: true,
      deadLetterTopic: "dlq-orders",
      deadLetterReplicationFactor: 1,
      deadLetterContextHeaders: true,
    });
  });

  it("throws every problem at once", () => {
    expect(() => errorHandlingConfigFrom({ "errors.tolerance": "some", "errors.log.enable": "yes" })).toThrow(
      ErrorHandlingConfigError,
    );
  });
});

describe("validateErrorHandlingConfig", () => {
  it.each([
    ["errors.tolerance", "some", "String must be one of (case insensitive): NONE, ALL"],
    ["errors.retry.timeout", "-2", "Value must be at least -1"],
    ["errors.retry.timeout", "soon", "Value must be at least -1"],
    ["errors.retry.delay.max.ms", "-1", "Value must be at least 0"],
    ["errors.log.enable", "yes", "Expected value to be either true or false"],
    ["errors.deadletterqueue.topic.replication.factor", "0", "Value must be -1 or at least 1"],
    ["errors.deadletterqueue.context.headers.enable", "1", "Expected value to be either true or false"],
  ])("names %s when it is %j", (key, value, reason) => {
    expect(validateErrorHandlingConfig({ [key]: value })).toEqual([
      { key, message: `Invalid value ${value} for configuration ${key}: ${reason}` },
    ]);
  });

  it("finds nothing wrong with a valid config", () => {
    expect(
      validateErrorHandlingConfig({ "errors.tolerance": "all", "errors.retry.timeout": "30000" }),
    ).toEqual([]);
  });
});

describe("ERROR_CONFIG_KEYS", () => {
  it("lists Connect's eight errors.* keys with their defaults", () => {
    expect(ERROR_CONFIG_KEYS.map((k) => [k.name, k.defaultValue])).toEqual([
      ["errors.tolerance", "none"],
      ["errors.retry.timeout", "0"],
      ["errors.retry.delay.max.ms", "60000"],
      ["errors.log.enable", "false"],
      ["errors.log.include.messages", "false"],
      ["errors.deadletterqueue.topic.name", ""],
      ["errors.deadletterqueue.topic.replication.factor", "3"],
      ["errors.deadletterqueue.context.headers.enable", "false"],
    ]);
  });
});
