import { PluginCatalog } from "@connect-mesh/cluster-state";
import type { ValidateResponse } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import type { ConnectorServices } from "./connector-services.js";
import { RestError } from "./rest/rest-error.js";
import { invalidConfigError, validateConnectorConfig } from "./validate-connector-config.js";

const catalog = new PluginCatalog([
  {
    serviceType: "connector",
    instanceId: "file-1",
    address: "127.0.0.1:1",
    plugins: [
      { className: "FileStreamSink", aliases: [], kind: "sink", version: "1" },
      { className: "FileStreamSource", aliases: [], kind: "source", version: "1" },
    ],
    version: "1",
    registeredAt: "2026-11-25T00:00:00Z",
  },
]);

/** A stand-in for the connector service's Validate call: pure logic under test, no network. */
const servicesAnswering = (errors: string[]): ConnectorServices =>
  ({
    validate: async (): Promise<ValidateResponse> => ({
      values: [{ name: "file", value: undefined, recommendedValues: [], errors, visible: true }],
    }),
  }) as unknown as ConnectorServices;

describe("validateConnectorConfig", () => {
  it.each([
    [{ "connector.class": "FileStreamSink", topics: "t" }, []],
    [{ "connector.class": "FileStreamSink", "topics.regex": "t.*" }, []],
    [{ "connector.class": "FileStreamSink" }, ["Must configure one of topics or topics.regex"]],
    [
      { "connector.class": "FileStreamSink", topics: "t", "topics.regex": "t.*" },
      ["topics and topics.regex are mutually exclusive options, but both are set."],
    ],
    [
      { "connector.class": "FileStreamSink", "topics.regex": "(" },
      [expect.stringMatching(/^Invalid value \( for configuration topics.regex/)],
    ],
    [
      { "connector.class": "FileStreamSource", "tasks.max": "0" },
      [expect.stringMatching(/tasks.max: must be a whole number/)],
    ],
    [{ "connector.class": "FileStreamSource", "tasks.max": "two" }, [expect.stringMatching(/tasks.max/)]],
    [{ "connector.class": "FileStreamSource", "tasks.max": "4" }, []],
    // Connect's keys: its own values in any case, and what connect-mesh can honour.
    [
      {
        "connector.class": "FileStreamSource",
        "tasks.max.enforce": "False",
        "config.action.reload": "NONE",
        "exactly.once.support": "requested",
        "transaction.boundary": "interval",
        "transaction.boundary.interval.ms": "1000",
        "connector.plugin.version": "1",
        "header.converter.plugin.version": "0.1.0",
        "offsets.storage.topic": "",
        "topic.creation.groups": " ",
      },
      [],
    ],
    [
      { "connector.class": "FileStreamSource", "config.action.reload": "reload" },
      ["Invalid value reload for configuration config.action.reload: String must be one of: restart, none"],
    ],
    [
      { "connector.class": "FileStreamSource", "exactly.once.support": "Required" },
      [expect.stringMatching(/^exactly.once.support=required cannot be met: .*; use requested$/)],
    ],
    [
      { "connector.class": "FileStreamSource", "transaction.boundary.interval.ms": "soon" },
      [expect.stringMatching(/transaction.boundary.interval.ms: must be a whole number/)],
    ],
    [
      { "connector.class": "FileStreamSource", "offsets.storage.topic": "my-offsets" },
      [expect.stringMatching(/cluster's offsets topic; remove offsets.storage.topic$/)],
    ],
    [
      { "connector.class": "FileStreamSource", "topic.creation.groups": "compacted" },
      [expect.stringMatching(/remove topic.creation.groups$/)],
    ],
    [
      { "connector.class": "FileStreamSource", "connector.plugin.version": "2" },
      ["Version 2 is not available for connector.plugin.version: the one running here is 1"],
    ],
    [
      { "connector.class": "FileStreamSink", topics: "t", "value.converter.plugin.version": "3.9.0" },
      ["Version 3.9.0 is not available for value.converter.plugin.version: the one running here is 0.1.0"],
    ],
    [
      {
        "connector.class": "FileStreamSink",
        topics: "t",
        "key.converter": "StringConverter",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "header.converter": "com.example.FancyHeaderConverter",
      },
      [
        "Invalid value com.example.FancyHeaderConverter for configuration header.converter: Class com.example.FancyHeaderConverter could not be found.",
      ],
    ],
    // Exactly-once and transactions are a source's keys; a sink's config may carry them unread.
    [{ "connector.class": "FileStreamSink", topics: "t", "exactly.once.support": "required" }, []],
  ])("checks the runtime's keys of %j", async (config, errors) => {
    const verdict = await validateConnectorConfig(config, catalog, servicesAnswering([]));
    expect(verdict.errors).toEqual(errors);
  });

  it("adds the plugin's own errors to the runtime's", async () => {
    const verdict = await validateConnectorConfig(
      { "connector.class": "FileStreamSink" },
      catalog,
      servicesAnswering(['Missing required configuration "file" which has no default value.']),
    );
    expect(invalidConfigError(verdict).message).toBe(
      "Connector configuration is invalid and contains the following 2 error(s):\n" +
        "Must configure one of topics or topics.regex\n" +
        'Missing required configuration "file" which has no default value.\n' +
        "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
    );
  });

  it.each([
    [{}, /contains no connector type/],
    [{ "connector.class": "  " }, /contains no connector type/],
    [
      { "connector.class": "Nope" },
      /matches Nope; available connectors are: FileStreamSink, FileStreamSource/,
    ],
  ])("answers 400 at once for %j", async (config, message) => {
    const attempt = validateConnectorConfig(config, catalog, servicesAnswering([]));
    await expect(attempt).rejects.toBeInstanceOf(RestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, message: expect.stringMatching(message) });
  });

  it.each([
    [
      { "transforms.mask.type": "NoSuchTransform" },
      /transforms\.mask\.type.*NoSuchTransform|NoSuchTransform.*transforms\.mask\.type/,
    ],
    [{ "transforms.mask.type": "MaskField$Value" }, /transforms\.mask\.fields/],
    [
      {
        "transforms.mask.type": "RegexRouter",
        "transforms.mask.regex": "(",
        "transforms.mask.replacement": "x",
      },
      /transforms\.mask\.regex/,
    ],
    [{ "transforms.mask.type": "Cast$Value", "transforms.mask.spec": "f:int99" }, /transforms\.mask\.spec/],
  ])("refuses a bad transform %j, naming the alias and key", async (keys, message) => {
    const verdict = await validateConnectorConfig(
      { "connector.class": "FileStreamSource", transforms: "mask", ...keys },
      catalog,
      servicesAnswering([]),
    );
    expect(verdict.errors).toEqual([expect.stringMatching(message)]);
  });

  it("refuses a bad errors.* value under its key", async () => {
    const verdict = await validateConnectorConfig(
      { "connector.class": "FileStreamSource", "errors.tolerance": "some" },
      catalog,
      servicesAnswering([]),
    );
    expect(verdict.runtimeErrors.get("errors.tolerance")).toEqual([
      "Invalid value some for configuration errors.tolerance: String must be one of (case insensitive): NONE, ALL",
    ]);
  });
});
