import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resultsBlock, updateResultsBlock } from "./performance-doc.js";

const START = "<!-- bench:results:start (written by npm run bench; edit the text around it) -->";
const END = "<!-- bench:results:end -->";

describe("updateResultsBlock", () => {
  let file = "";
  beforeEach(async () => {
    file = join(await mkdtemp(join(tmpdir(), "bench-doc-")), "performance.md");
  });
  afterEach(async () => {
    await rm(join(file, ".."), { recursive: true, force: true });
  });

  it("replaces what is between the markers and keeps the text around them", async () => {
    await writeFile(file, `# Perf\n\nintro\n\n${START}\n\nold table\n\n${END}\n\noutro\n`);
    await updateResultsBlock(file, ["new table", ""]);
    expect(await readFile(file, "utf8")).toBe(
      `# Perf\n\nintro\n\n${START}\n\nnew table\n\n${END}\n\noutro\n`,
    );
  });

  it("refuses a file without its markers, rather than losing the text", async () => {
    await writeFile(file, "# Perf\n");
    await expect(updateResultsBlock(file, ["x"])).rejects.toThrow(/lost its markers/);
  });
});

describe("resultsBlock", () => {
  const machine = {
    cpu: "a CPU",
    cores: 2,
    memoryGb: 24,
    kernel: "Linux 6",
    node: "v20",
    java: "openjdk 17",
    loadAtStart: 0.2,
    loadAtEnd: 1.5,
  };
  const block = (loadAtStart: number) =>
    resultsBlock({
      finishedAt: "2026-11-25T16:00:00Z",
      runs: 3,
      machine: { ...machine, loadAtStart },
      chartFile: "performance.svg",
      report: ["| table |"],
    }).join("\n");

  it("names the machine, the chart and the tables", () => {
    expect(block(0.2)).toContain("a CPU, 2 cores");
    expect(block(0.2)).toContain("(performance.svg)");
    expect(block(0.2)).toContain("| table |");
  });

  it("says when the machine was busy before the bench started", () => {
    expect(block(0.2)).not.toContain("shared and busy");
    expect(block(3)).toContain("shared and busy");
  });
});
