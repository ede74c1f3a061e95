import { FatalError, RetriableError } from "@connect-mesh/connector-sdk";
import { type ApiResponse, errors } from "@opensearch-project/opensearch";
import { describe, expect, it } from "vitest";
import { engineError, isRefusedCredentials } from "./engine-errors.js";

/** An engine's answer with `status` and an error body, as the client reports it. */
function responseError(status: number, type: string, reason: string): errors.ResponseError {
  return new errors.ResponseError({ statusCode: status, body: { error: { type, reason } } } as ApiResponse);
}

describe("engineError", () => {
  it("counts an engine that did not answer as passing", () => {
    const failure = engineError(
      "cannot send",
      new errors.ConnectionError("connect ECONNREFUSED 127.0.0.1:9200"),
    );
    expect(failure).toBeInstanceOf(RetriableError);
    expect(failure.message).toBe(
      "cannot send: the engine did not answer (connect ECONNREFUSED 127.0.0.1:9200)",
    );
  });

  it("counts 429 and 5xx as passing, and other refusals as fatal, with the engine's reason", () => {
    expect(
      engineError("x", responseError(429, "es_rejected_execution_exception", "queue full")),
    ).toBeInstanceOf(RetriableError);
    expect(engineError("x", responseError(503, "unavailable_shards_exception", "no shard"))).toBeInstanceOf(
      RetriableError,
    );
    const refused = engineError(
      'cannot prepare index "a"',
      responseError(400, "invalid_index_name_exception", "bad"),
    );
    expect(refused).toBeInstanceOf(FatalError);
    expect(refused.message).toBe('cannot prepare index "a": HTTP 400: invalid_index_name_exception: bad');
  });

  it("names the keys to fix when the engine refuses the credentials", () => {
    const failure = engineError(
      "cannot reach the engine",
      responseError(401, "security_exception", "no user"),
    );
    expect(failure).toBeInstanceOf(FatalError);
    expect(failure.message).toMatch(
      /refused the credentials \(HTTP 401: .*\); check connection.username and connection.password$/,
    );
    expect(isRefusedCredentials(failure)).toBe(true);
    expect(isRefusedCredentials(engineError("x", responseError(500, "x", "y")))).toBe(false);
  });

  it("keeps a judged error's verdict and puts what was being done in front", () => {
    const passing = engineError("cannot index record 2", new RetriableError("busy"));
    expect(passing).toBeInstanceOf(RetriableError);
    expect(passing.message).toBe("cannot index record 2: busy");
    expect(engineError("cannot index record 2", new FatalError("no key"))).toBeInstanceOf(FatalError);
  });
});
