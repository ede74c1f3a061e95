import { describe, expect, it } from "vitest";
import { OPTIONAL_COMPONENTS, parseOptionalComponents } from "./optional-components.js";
import { StackError } from "./stack-error.js";

describe("parseOptionalComponents", () => {
  it.each([
    ["", []],
    ["mariadb", ["mariadb"]],
    ["postgres", ["postgres"]],
    ["mariadb,postgres", ["mariadb", "postgres"]],
    ["postgres,mariadb", ["mariadb", "postgres"]],
    [" MariaDB , postgres ,", ["mariadb", "postgres"]],
    ["postgres,postgres", ["postgres"]],
    [",,", []],
    ["opensearch,Elasticsearch", ["elasticsearch", "opensearch"]],
    ["elasticsearch,postgres", ["postgres", "elasticsearch"]],
  ])("reads %j as %j, in start order", (text, components) => {
    expect(parseOptionalComponents(text, "--with")).toEqual(components);
  });

  it("names every unknown component, where it came from, and the known ones", () => {
    expect(() => parseOptionalComponents("mysql,postgres,kafka", "--with")).toThrow(
      '--with names "mysql", "kafka", which the stack cannot add; the components it knows are mariadb, postgres, elasticsearch, opensearch',
    );
    expect(() => parseOptionalComponents("mysql", "--with")).toThrow(StackError);
  });

  it("knows the databases, then the search engines, in start order", () => {
    expect(OPTIONAL_COMPONENTS).toEqual(["mariadb", "postgres", "elasticsearch", "opensearch"]);
  });
});
