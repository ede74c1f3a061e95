import { ConfigType } from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "./config-parse.js";

describe("parseConfigText", () => {
  it.each([
    [ConfigType.CONFIG_TYPE_STRING, " as is ", " as is "],
    [ConfigType.CONFIG_TYPE_PASSWORD, " secret ", " secret "],
    [ConfigType.CONFIG_TYPE_CLASS, " org.acme.Foo ", "org.acme.Foo"],
    [ConfigType.CONFIG_TYPE_BOOLEAN, " True ", true],
    [ConfigType.CONFIG_TYPE_BOOLEAN, "false", false],
    [ConfigType.CONFIG_TYPE_INT, " -42 ", -42],
    [ConfigType.CONFIG_TYPE_INT, "2147483647", 2_147_483_647],
    [ConfigType.CONFIG_TYPE_SHORT, "32767", 32_767],
    [ConfigType.CONFIG_TYPE_LONG, "9223372036854775807", 9_223_372_036_854_775_807n],
    [ConfigType.CONFIG_TYPE_DOUBLE, "1.5e3", 1500],
    [ConfigType.CONFIG_TYPE_DOUBLE, ".5", 0.5],
    [ConfigType.CONFIG_TYPE_LIST, "a, b,c ", ["a", "b", "c"]],
    [ConfigType.CONFIG_TYPE_LIST, "  ", []],
  ])("parses type %i from %j as Connect does", (type, text, expected) => {
    expect(parseConfigText(type, text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [ConfigType.CONFIG_TYPE_BOOLEAN, "yes", "Expected value to be either true or false"],
    [ConfigType.CONFIG_TYPE_INT, "2147483648", "Not a number of type INT"],
    [ConfigType.CONFIG_TYPE_INT, "1.0", "Not a number of type INT"],
    [ConfigType.CONFIG_TYPE_INT, "", "Not a number of type INT"],
    [ConfigType.CONFIG_TYPE_SHORT, "32768", "Not a number of type SHORT"],
    [ConfigType.CONFIG_TYPE_LONG, "9223372036854775808", "Not a number of type LONG"],
    [ConfigType.CONFIG_TYPE_DOUBLE, "1,5", "Not a number of type DOUBLE"],
  ])("refuses type %i from %j", (type, text, problem) => {
    expect(parseConfigText(type, text)).toEqual({ ok: false, problem });
  });
});
