import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initializeOnce } from "./initialize-once.js";

describe("initializeOnce", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), "initialize-once-")), "data");
  });
  afterEach(async () => {
    await rm(join(dataDir, ".."), { recursive: true, force: true });
  });

  const initialize = async () => {
    await mkdir(dataDir);
    await writeFile(join(dataDir, "PG_VERSION"), "15\n");
  };

  it("initializes a data directory on the first start only, keeping the data on the next", async () => {
    expect(await initializeOnce(dataDir, initialize)).toBe(true);
    await writeFile(join(dataDir, "table"), "rows");
    expect(await initializeOnce(dataDir, initialize)).toBe(false);
    expect(await readFile(join(dataDir, "table"), "utf8")).toBe("rows");
  });

  it("redoes an initialization that was interrupted, from an empty directory", async () => {
    await mkdir(dataDir);
    await writeFile(join(dataDir, "half-written"), "");
    expect(await initializeOnce(dataDir, initialize)).toBe(true);
    expect(existsSync(join(dataDir, "half-written"))).toBe(false);
  });

  it("leaves no marker when the initialization fails, so the next start tries again", async () => {
    const failing = async () => {
      await initialize();
      throw new Error("initdb exited 1");
    };
    await expect(initializeOnce(dataDir, failing)).rejects.toThrow("initdb exited 1");
    expect(await initializeOnce(dataDir, initialize)).toBe(true);
  });
});
