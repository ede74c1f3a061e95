import { ConfigImportance, ConfigType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { defineConfig } from "./config-spec.js";
import { validators } from "./config-validators.js";
import { ConfigError, FatalError } from "./errors.js";

const spec = defineConfig({
  file: {
    type: "string",
    importance: "high",
    documentation: "The file.",
    validators: [validators.nonEmpty()],
  },
  "batch.size": {
    type: "int",
    default: 2000,
    importance: "low",
    documentation: "Most records per batch.",
    validators: [validators.range({ min: 1 })],
  },
  "max.bytes": { type: "long", default: null, documentation: "A cap, if any." },
  "use.fsync": { type: "boolean", default: true, documentation: "Whether to fsync." },
  tables: { type: "list", default: [], documentation: "Tables to copy." },
  mode: {
    type: "string",
    default: "append",
    documentation: "How.",
    validators: [validators.oneOf(["append", "truncate"])],
  },
  "connection.password": { type: "password", default: null, documentation: "A secret." },
});

describe("defineConfig().definitions", () => {
  it("marks a key without a default as required and one with a default as optional", () => {
    const [file, batchSize] = spec.definitions;
    expect(file).toMatchObject({ name: "file", required: true, defaultValue: undefined });
    expect(batchSize).toMatchObject({ name: "batch.size", required: false, defaultValue: "2000" });
  });

  it("carries the type, importance, documentation and validators as Describe shows them", () => {
    expect(spec.definitions[1]).toMatchObject({
      type: ConfigType.CONFIG_TYPE_INT,
      importance: ConfigImportance.CONFIG_IMPORTANCE_LOW,
      documentation: "Most records per batch.",
      validators: [{ rule: { $case: "range", value: { min: 1, max: undefined } } }],
      orderInGroup: 2,
      displayName: "batch.size",
    });
  });

  it("treats a null default as optional with no default value", () => {
    expect(spec.definitions[2]).toMatchObject({
      name: "max.bytes",
      required: false,
      defaultValue: undefined,
    });
  });

  it("marks password keys as secret", () => {
    expect(spec.definitions.find((d) => d.name === "connection.password")?.secret).toBe(true);
    expect(spec.definitions.find((d) => d.name === "file")?.secret).toBe(false);
  });
});

describe("defineConfig().parse", () => {
  it("parses every type into camelCase fields and fills defaults", () => {
    const parsed = spec.parse({
      file: "in.txt",
      "max.bytes": "9007199254740993",
      tables: "a, b ,c",
      "use.fsync": "FALSE",
    });
    expect(parsed).toEqual({
      file: "in.txt",
      batchSize: 2000,
      maxBytes: 9007199254740993n,
      useFsync: false,
      tables: ["a", "b", "c"],
      mode: "append",
      connectionPassword: undefined,
    });
  });

  it("ignores keys it does not define, such as the runtime's", () => {
    expect(spec.parse({ file: "x", "tasks.max": "3", "connector.class": "Foo" }).file).toBe("x");
  });

  it("lists every problem at once, in Connect's words", () => {
    const error = captureError(() => spec.parse({ "batch.size": "0", mode: "replace" }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.retriable).toBe(false);
    expect(error.problems).toEqual([
      { key: "file", message: 'Missing required configuration "file" which has no default value.' },
      {
        key: "batch.size",
        message: "Invalid value 0 for configuration batch.size: Value must be at least 1",
      },
      {
        key: "mode",
        message: "Invalid value replace for configuration mode: String must be one of: append, truncate",
      },
    ]);
  });
});

describe("defineConfig().validate", () => {
  it("answers one result per defined key, with the value given and its errors", () => {
    const results = spec.validate({ file: "", "batch.size": "lots" });
    expect(results.map((r) => r.name)).toEqual(spec.definitions.map((d) => d.name));
    expect(results[0]).toEqual({
      name: "file",
      value: "",
      recommendedValues: [],
      errors: ["Invalid value  for configuration file: String may not be empty"],
      visible: true,
    });
    expect(results[1]?.errors).toEqual([
      "Invalid value lots for configuration batch.size: Not a number of type INT",
    ]);
    expect(results[2]).toMatchObject({ name: "max.bytes", value: undefined, errors: [] });
  });

  it("never echoes a secret", () => {
    const result = spec
      .validate({ file: "x", "connection.password": "hunter2" })
      .find((r) => r.name === "connection.password");
    expect(result?.value).toBe("[hidden]");
  });
});

describe("defineConfig", () => {
  it("refuses a default that breaks its own rule, since that is a plugin bug", () => {
    expect(() =>
      defineConfig({
        n: { type: "int", default: 0, documentation: "n", validators: [validators.range({ min: 1 })] },
      }),
    ).toThrow(FatalError);
  });

  it("refuses an invalid pattern", () => {
    expect(() =>
      defineConfig({ s: { type: "string", documentation: "s", validators: [validators.pattern("(")] } }),
    ).toThrow(/invalid pattern/);
  });

  it("refuses two keys that share one field name", () => {
    expect(() =>
      defineConfig({
        "a.b": { type: "string", documentation: "" },
        aB: { type: "string", documentation: "" },
      }),
    ).toThrow(/same field name "aB"/);
  });
});

function captureError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError, but nothing was thrown");
}
