import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compareFiles } from "./file-compare.js";

describe("compareFiles", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "bench-compare-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const files = async (expected: string, actual: string) => {
    await writeFile(join(dir, "in"), expected);
    await writeFile(join(dir, "out"), actual);
    return compareFiles(join(dir, "in"), join(dir, "out"), dir);
  };

  it("passes identical files byte for byte", async () => {
    expect(await files("a\nb\n", "a\nb\n")).toMatchObject({ isOk: true, method: "byte-for-byte" });
  });

  it("passes repeated lines as at-least-once delivery, and counts them", async () => {
    const verdict = await files("a\nb\nc\n", "a\nb\nb\nc\n");
    expect(verdict).toMatchObject({ isOk: true, method: "line multiset" });
    expect(verdict.detail).toContain("1 lines were delivered twice");
  });

  it.each([
    ["a missing line", "a\nb\nc\n", "a\nc\n"],
    ["a foreign line", "a\nb\n", "a\nb\nz\n"],
    ["a changed byte", "a\nb\n", "a\nB\n"],
    ["lines out of order", "a\nb\n", "b\na\n"],
  ])("fails %s", async (_what, expected, actual) => {
    expect(await files(expected, actual)).toMatchObject({ isOk: false });
  });
});
