import { describe, expect, it } from "vitest";
import { redactedUrl, withProtocol } from "./search-client.js";

describe("withProtocol", () => {
  it.each([
    ["es:9200", "http://es:9200"],
    ["localhost", "http://localhost"],
    ["https://es:9200", "https://es:9200"],
    ["HTTP://ES:9200", "HTTP://ES:9200"],
  ])("reads %s as %s", (given, url) => {
    expect(withProtocol(given)).toBe(url);
  });
});

describe("redactedUrl", () => {
  it.each([
    ["https://elastic:changeme@es:9200", "https://[hidden]@es:9200"],
    ["elastic:changeme@es:9200", "http://[hidden]@es:9200"],
    ["https://es:9200", "https://es:9200"],
    ["http://es:9200/path@x", "http://es:9200/path@x"],
  ])("shows %s as %s", (given, shown) => {
    expect(redactedUrl(given)).toBe(shown);
  });

  // A URL's user info runs to the last @ before the host.
  it("hides the whole password when it holds an @", () => {
    const url = "https://elastic:p@ss@es:9200";
    expect(new URL(url).password).toBe("p%40ss");
    expect(redactedUrl(url)).toBe("https://[hidden]@es:9200");
  });
});
