import { describe, expect, it } from "vitest";
import { converterConfigFrom } from "./converter-config-from.js";

const connectorConfig = {
  "connector.class": "FileStreamSource",
  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
  "key.converter.converter.encoding": "UTF-16",
  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  "value.converter.schemas.enable": "false",
  "value.converter.decimal.format": "NUMERIC",
  "value.converters.other": "not a sub-key",
  "header.converter": "org.apache.kafka.connect.json.JsonConverter",
  "header.converter.schemas.enable": "false",
};

describe("converterConfigFrom", () => {
  it.each([
    ["value.converter", { "schemas.enable": "false", "decimal.format": "NUMERIC" }],
    ["value.converter.", { "schemas.enable": "false", "decimal.format": "NUMERIC" }],
    ["key.converter", { "converter.encoding": "UTF-16" }],
    ["header.converter", { "schemas.enable": "false" }],
    ["errors.deadletterqueue", {}],
  ])("takes the %s sub-keys without their prefix", (prefix, expected) => {
    expect(converterConfigFrom(connectorConfig, prefix)).toEqual(expected);
  });
});
