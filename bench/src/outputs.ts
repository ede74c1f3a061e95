import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { summarizeBench } from "./bench-summary.js";
import { renderChart } from "./chart.js";
import { resultsBlock, updateResultsBlock } from "./performance-doc.js";
import { renderReport } from "./report.js";
import type { BenchResults } from "./results.js";
import { evaluateTargets } from "./targets.js";

/**
 * Turns a bench run's results into what it leaves behind: the tables on stdout, `results.json` (every
 * run, the summary and the targets) and `chart.svg` in `resultDir`, and, when asked, the results section
 * of docs/performance.md with docs/performance.svg. Returns whether every run ran and passed its check.
 */
export async function writeOutputs(options: {
  readonly results: BenchResults;
  readonly resultDir: string;
  readonly repoRoot: string;
  readonly print: (line: string) => void;
  readonly progress: (line: string) => void;
}): Promise<boolean> {
  const { results, resultDir, repoRoot } = options;
  const summary = summarizeBench(results);
  const targets = evaluateTargets(summary, results.options.latency);
  const report = renderReport(results, summary, targets);
  const runs = `${results.options.runs} run${results.options.runs === 1 ? "" : "s"} per figure`;
  const subtitle = `${results.finishedAt.slice(0, 10)}, ${results.machine.cores} cores, ${runs}${results.options.isQuick ? " (--quick)" : ""}`;
  const chart = renderChart(summary, results.options.latency.ratePerSec, subtitle);
  await writeFile(
    join(resultDir, "results.json"),
    `${JSON.stringify({ ...results, summary, targets }, null, 2)}\n`,
  );
  await writeFile(join(resultDir, "chart.svg"), chart);
  options.print("");
  for (const line of report) options.print(line);
  options.progress(`results: ${join(resultDir, "results.json")}, chart: ${join(resultDir, "chart.svg")}`);
  if (results.options.shouldUpdateDocs) {
    await writeFile(join(repoRoot, "docs/performance.svg"), chart);
    const block = resultsBlock({
      finishedAt: results.finishedAt,
      runs: results.options.runs,
      machine: results.machine,
      chartFile: "performance.svg",
      report,
    });
    await updateResultsBlock(join(repoRoot, "docs/performance.md"), block);
    options.progress("docs/performance.md and docs/performance.svg now show this run");
  }
  const isVerified =
    summary.workloads.every((w) => Object.values(w.rows).every((r) => r.isVerified)) &&
    Object.values(summary.latency).every((l) => l.isVerified) &&
    (summary.jdbc?.isVerified ?? true) &&
    (summary.search?.isVerified ?? true);
  return isVerified && results.failures.length === 0;
}
