import { describe, expect, it } from "vitest";
import { record, smt } from "../../test/records.js";
import { validateTransformConfig } from "../transform-chain.js";

const route = (regex: string, replacement: string, topic: string) =>
  smt("org.apache.kafka.connect.transforms.RegexRouter", { regex, replacement })(record({ topic }))?.topic;

describe("RegexRouter", () => {
  it.each([
    // Connect's documented example: keep the last part of a Debezium topic name.
    ["([^.]+)\\.([^.]+)\\.([^.]+)", "$3", "dbserver1.inventory.customers", "customers"],
    ["(.*)-raw", "$1-clean", "orders-raw", "orders-clean"],
    // A partial match is no match: Matcher.matches() needs the whole topic.
    ["orders", "x", "orders-raw", "orders-raw"],
    // $12 is group 1 then "2" when there is no group 12.
    ["(a)", "$12", "a", "a2"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Java's named-group reference, not a template
    ["(?<name>[a-z]+)-v\\d", "${name}", "users-v2", "users"],
    ["(.*)", "\\$1-$1", "t", "$1-t"],
    ["(?i)ORDERS", "o", "orders", "o"],
    ["\\Qa.b\\E", "ab", "a.b", "ab"],
    ["\\Qa.b\\E", "ab", "axb", "axb"],
  ])("routes with %j → %j: %s becomes %s", (regex, replacement, topic, expected) => {
    expect(route(regex, replacement, topic)).toBe(expected);
  });

  it("returns the same record when the topic does not match", () => {
    const r = record({ topic: "other" });
    expect(smt("RegexRouter", { regex: "orders", replacement: "x" })(r)).toBe(r);
  });

  it("reports a bad regex and a reference to a group the regex does not have", () => {
    const base = { transforms: "t", "transforms.t.type": "RegexRouter" };
    const [bad] = validateTransformConfig({
      ...base,
      "transforms.t.regex": "([",
      "transforms.t.replacement": "x",
    });
    expect(bad?.key).toBe("transforms.t.regex");
    expect(bad?.message).toMatch(
      /^Invalid value \(\[ for configuration transforms\.t\.regex: Invalid regex: /,
    );
    expect(
      validateTransformConfig({ ...base, "transforms.t.regex": "(a)", "transforms.t.replacement": "$2" }),
    ).toEqual([
      {
        key: "transforms.t.replacement",
        message: "Invalid value $2 for configuration transforms.t.replacement: No group 2",
      },
    ]);
  });
});
