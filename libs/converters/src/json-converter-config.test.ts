import { describe, expect, it } from "vitest";
import { ConverterConfigError } from "./converter-config-error.js";
import { parseJsonConverterConfig } from "./json-converter-config.js";

describe("parseJsonConverterConfig", () => {
  it("defaults to Connect's defaults", () => {
    expect(parseJsonConverterConfig({})).toEqual({
      schemasEnable: true,
      decimalFormat: "BASE64",
      replaceNullWithDefault: true,
    });
  });

  it.each([
    [{ "schemas.enable": "FALSE" }, { schemasEnable: false }],
    [{ "schemas.enable": " true " }, { schemasEnable: true }],
    [{ "decimal.format": "numeric" }, { decimalFormat: "NUMERIC" }],
    [{ "replace.null.with.default": "false" }, { replaceNullWithDefault: false }],
    [{ "schemas.cache.size": "10", "converter.type": "value" }, { schemasEnable: true }],
  ])("reads %o as Connect's ConfigDef does", (config, expected) => {
    expect(parseJsonConverterConfig(config)).toMatchObject(expected);
  });

  it.each([
    [{ "schemas.enable": "1" }, 'schemas.enable="1" is not a boolean; use true or false'],
    [{ "decimal.format": "HEX" }, 'decimal.format="HEX" is not valid; use one of BASE64, NUMERIC'],
  ])("refuses %o, naming the key", (config, message) => {
    expect(() => parseJsonConverterConfig(config)).toThrow(ConverterConfigError);
    expect(() => parseJsonConverterConfig(config)).toThrow(message);
  });
});
