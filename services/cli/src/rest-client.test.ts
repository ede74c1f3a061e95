import { describe, expect, it } from "vitest";
import { RestClient } from "./rest-client.js";
import { RestAnswerError, RestUnreachableError } from "./rest-errors.js";

/** A fetch that records its requests and answers with `respond`; no network. */
function fakeFetch(respond: () => Response | Promise<Response>) {
  const requests: { url: string; method: string | undefined; body: unknown; contentType: string | null }[] =
    [];
  const fetchFn: typeof fetch = async (input, init) => {
    requests.push({
      url: String(input),
      method: init?.method,
      body: init?.body,
      contentType: new Headers(init?.headers).get("Content-Type"),
    });
    return respond();
  };
  return { fetchFn, requests };
}

function failingWith(error: Error): typeof fetch {
  return async () => {
    throw error;
  };
}

describe("RestClient.call", () => {
  it("sends the method, the URL and a JSON body, and parses a JSON answer", async () => {
    const { fetchFn, requests } = fakeFetch(() => Response.json({ ok: 1 }, { status: 200 }));
    const client = new RestClient("http://h:8083", { fetch: fetchFn });
    await expect(client.call("PUT", "/connector-plugins/P/config/validate", { a: "1" })).resolves.toEqual({
      status: 200,
      body: { ok: 1 },
    });
    expect(requests).toEqual([
      {
        url: "http://h:8083/connector-plugins/P/config/validate",
        method: "PUT",
        body: '{"a":"1"}',
        contentType: "application/json",
      },
    ]);
  });

  it("answers an empty body as undefined", async () => {
    const { fetchFn } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = new RestClient("http://h", { fetch: fetchFn });
    await expect(client.call("PUT", "/connectors/a/stop")).resolves.toEqual({ status: 204, body: undefined });
  });

  it("throws the server's message for a non-2xx answer", async () => {
    const { fetchFn } = fakeFetch(() =>
      Response.json(
        { error_code: 404, message: "no such endpoint: POST /connectors/a/restart" },
        { status: 404 },
      ),
    );
    const client = new RestClient("http://h", { fetch: fetchFn });
    const error = await client.call("POST", "/connectors/a/restart").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestAnswerError);
    expect(error).toMatchObject({
      status: 404,
      serverMessage: "no such endpoint: POST /connectors/a/restart",
      message:
        "no such endpoint: POST /connectors/a/restart (POST http://h/connectors/a/restart answered 404)",
    });
  });

  it.each([
    [
      "the first line of a text body",
      () => new Response("Bad gateway\n<html>", { status: 502 }),
      "Bad gateway",
    ],
    [
      "the status text of an empty body",
      () => new Response(null, { status: 503, statusText: "Service Unavailable" }),
      "Service Unavailable",
    ],
  ])("falls back to %s", async (_, respond, message) => {
    const client = new RestClient("http://h", { fetch: fakeFetch(respond).fetchFn });
    await expect(client.call("GET", "/connectors")).rejects.toMatchObject({ serverMessage: message });
  });

  it("says the REST API is not reachable and suggests cmesh up when the connection is refused", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8083"), { code: "ECONNREFUSED" }),
    });
    const client = new RestClient("http://127.0.0.1:8083", { fetch: failingWith(refused) });
    const error = await client.call("GET", "/connectors").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestUnreachableError);
    expect(String(error)).toContain(
      "the REST API is not reachable at http://127.0.0.1:8083 (connection refused)",
    );
    expect(String(error)).toContain("`cmesh up`");
  });

  it("finds a refusal inside the AggregateError of a host with several addresses", async () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const error = new TypeError("fetch failed", {
      cause: new AggregateError([refused("::1:8083"), refused("127.0.0.1:8083")]),
    });
    const client = new RestClient("http://localhost:8083", { fetch: failingWith(error) });
    await expect(client.call("GET", "/")).rejects.toThrow("(connection refused)");
  });

  it("names another network failure by its code", async () => {
    const error = new TypeError("fetch failed", {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND nohost"), { code: "ENOTFOUND" }),
    });
    const client = new RestClient("http://nohost:8083", { fetch: failingWith(error) });
    await expect(client.call("GET", "/")).rejects.toThrow(
      "the REST API is not reachable at http://nohost:8083 (ENOTFOUND); check --url or CONNECT_MESH_REST_URL",
    );
  });

  it("names a failure without a code by its deepest cause, not fetch's generic message", async () => {
    const error = new TypeError("fetch failed", { cause: new Error("bad port") });
    const client = new RestClient("http://h:1", { fetch: failingWith(error) });
    await expect(client.call("GET", "/")).rejects.toThrow(
      "the REST API is not reachable at http://h:1 (bad port)",
    );
  });

  it("says how long it waited when the request times out", async () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const client = new RestClient("http://h", { fetch: failingWith(timeout), timeoutMs: 5_000 });
    await expect(client.call("GET", "/connectors")).rejects.toThrow(
      "GET http://h/connectors got no answer within 5 s",
    );
  });
});
