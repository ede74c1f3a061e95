import { describe, expect, it } from "vitest";
import { versionIn } from "./binary-version.js";

describe("versionIn", () => {
  it.each([
    [
      "/usr/sbin/mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)",
      "10.11.19",
    ],
    ["postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", "15.18"],
  ])("finds the version in %j", (text, version) => {
    expect(versionIn(text)).toBe(version);
  });

  it("finds none in text without one", () => {
    expect(versionIn("command not found")).toBeUndefined();
  });
});
