import { FatalError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { TOPIC_PLACEHOLDER, tableNameFor } from "./table-name.js";

describe("tableNameFor", () => {
  it.each<[string, string, { schema: string; name: string }]>([
    [TOPIC_PLACEHOLDER, "orders", { schema: "public", name: "orders" }],
    [`kafka_${TOPIC_PLACEHOLDER}`, "orders", { schema: "public", name: "kafka_orders" }],
    [TOPIC_PLACEHOLDER, "mysql.login", { schema: "mysql", name: "login" }],
    [`archive.${TOPIC_PLACEHOLDER}`, "orders", { schema: "archive", name: "orders" }],
    [`${TOPIC_PLACEHOLDER}_${TOPIC_PLACEHOLDER}`, "a", { schema: "public", name: "a_a" }],
    ["fixed", "orders", { schema: "public", name: "fixed" }],
    [TOPIC_PLACEHOLDER, "Mixed-Case", { schema: "public", name: "Mixed-Case" }],
  ])("makes %s of topic %s the table %o", (format, topic, expected) => {
    expect(tableNameFor(format, topic, "public")).toEqual(expected);
  });

  it.each([
    ["db.server.orders", TOPIC_PLACEHOLDER],
    [".orders", TOPIC_PLACEHOLDER],
    ["orders.", TOPIC_PLACEHOLDER],
  ])("refuses the table name of topic %s, naming table.name.format", (topic, format) => {
    expect(() => tableNameFor(format, topic, "public")).toThrow(FatalError);
    expect(() => tableNameFor(format, topic, "public")).toThrow(
      /must be "table" or "schema\.table"; change table\.name\.format/,
    );
  });
});
