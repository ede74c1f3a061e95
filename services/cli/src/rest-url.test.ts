import { describe, expect, it } from "vitest";
import { CommandError } from "./command-error.js";
import { restUrlFrom } from "./rest-url.js";

describe("restUrlFrom", () => {
  it("defaults to the stack's REST port on 127.0.0.1", () => {
    expect(restUrlFrom({}, { overrides: {} })).toBe("http://127.0.0.1:8083");
  });

  it("takes the REST port from CONNECT_MESH_REST_PORT", () => {
    expect(restUrlFrom({ CONNECT_MESH_REST_PORT: "18083" }, { overrides: {} })).toBe(
      "http://127.0.0.1:18083",
    );
  });

  it("prefers CONNECT_MESH_REST_URL to the REST port variable", () => {
    const env = { CONNECT_MESH_REST_URL: "http://connect:8083/", CONNECT_MESH_REST_PORT: "18083" };
    expect(restUrlFrom(env, { overrides: {} })).toBe("http://connect:8083");
  });

  it("lets --rest-port win over CONNECT_MESH_REST_URL, since flags beat the environment", () => {
    const env = { CONNECT_MESH_REST_URL: "http://connect:8083" };
    expect(restUrlFrom(env, { overrides: { restPort: 28083 } })).toBe("http://127.0.0.1:28083");
  });

  it("lets --url win over everything, keeping a path prefix", () => {
    const env = { CONNECT_MESH_REST_URL: "http://connect:8083" };
    expect(restUrlFrom(env, { url: "https://proxy/connect//", overrides: { restPort: 28083 } })).toBe(
      "https://proxy/connect",
    );
  });

  it.each([
    ["--url", {}, { url: "connect:8083", overrides: {} }],
    ["--url", {}, { url: "ftp://connect", overrides: {} }],
    ["CONNECT_MESH_REST_URL", { CONNECT_MESH_REST_URL: "nope" }, { overrides: {} }],
  ])("rejects a %s that is not an http(s) URL", (source, env, target) => {
    expect(() => restUrlFrom(env, target)).toThrow(CommandError);
    expect(() => restUrlFrom(env, target)).toThrow(`${source} must be an http(s) URL`);
  });
});
