import { describe, expect, it } from "vitest";
import { ConverterConfigError } from "./converter-config-error.js";
import { parseJsonConverterConfig } from "./json-converter-config.js";

describe("parseJsonConverterConfig", () => {
  it("defaults to Connect's defaults", () => {
    expect(parseJsonConverterConfig({})).toEqual({
      schemasEnable: true,
      decimalFormat: "BASE64",
      replaceNullWithDefault: true,
      schemasCacheSize: 1000,
    });
  });

  it.each([
    [{ "schemas.enable": "FALSE" }, { schemasEnable: false }],
    [{ "schemas.enable": " true " }, { schemasEnable: true }],
    [{ "decimal.format": "numeric" }, { decimalFormat: "NUMERIC" }],
    [{ "replace.null.with.default": "false" }, { replaceNullWithDefault: false }],
    [{ "schemas.cache.size": " 10 ", "converter.type": "value" }, { schemasCacheSize: 10 }],
    [{ "schemas.cache.size": "+0" }, { schemasCacheSize: 0 }],
    [{ "schemas.cache.size": "-1" }, { schemasCacheSize: -1 }],
  ])("reads %o as Connect's ConfigDef does", (config, expected) => {
    expect(parseJsonConverterConfig(config)).toMatchObject(expected);
  });

  it.each([
    [{ "schemas.enable": "1" }, 'schemas.enable="1" is not a boolean; use true or false'],
    [{ "decimal.format": "HEX" }, 'decimal.format="HEX" is not valid; use one of BASE64, NUMERIC'],
    [
      { "schemas.cache.size": "1.5" },
      'schemas.cache.size="1.5" is not a whole number between -2147483648 and 2147483647',
    ],
    [
      { "schemas.cache.size": "2147483648" },
      'schemas.cache.size="2147483648" is not a whole number between -2147483648 and 2147483647',
    ],
  ])("refuses %o, naming the key", (config, message) => {
    expect(() => parseJsonConverterConfig(config)).toThrow(ConverterConfigError);
    expect(() => parseJsonConverterConfig(config)).toThrow(message);
  });
});
