import { FatalError } from "@connect-mesh/connector-sdk";
import { describe, expect, it } from "vitest";
import { indexNameFor } from "./index-name.js";

describe("indexNameFor", () => {
  it("lower-cases the topic, as Confluent's connector does", () => {
    expect(indexNameFor("mysql.login")).toBe("mysql.login");
    expect(indexNameFor("Orders-EU")).toBe("orders-eu");
  });

  it("drops a leading - or _ and spells . and .. with dot", () => {
    expect(indexNameFor("_internal")).toBe("internal");
    expect(indexNameFor("-events")).toBe("events");
    expect(indexNameFor(".")).toBe("dot");
    expect(indexNameFor("..")).toBe("dotdot");
  });

  it("cuts a long name to 255 bytes without splitting a character", () => {
    expect(indexNameFor("a".repeat(300))).toBe("a".repeat(255));
    const cut = indexNameFor(`${"a".repeat(254)}é`);
    expect(cut).toBe("a".repeat(254));
  });

  it("refuses a name the engines forbid, naming the topic and the character", () => {
    expect(() => indexNameFor("a b")).toThrow(FatalError);
    expect(() => indexNameFor("a*b")).toThrow(/topic "a\*b" cannot name an index: it holds "\*"/);
    expect(() => indexNameFor("_")).toThrow(/it is empty/);
  });
});
