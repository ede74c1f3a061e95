import { readFile, writeFile } from "node:fs/promises";
import type { MachineInfo } from "./machine.js";

const START = "<!-- bench:results:start (written by npm run bench; edit the text around it) -->";
const END = "<!-- bench:results:end -->";

/** The generated part of docs/performance.md: when and where the bench ran, the chart, the tables. */
export function resultsBlock(options: {
  readonly finishedAt: string;
  readonly runs: number;
  readonly machine: MachineInfo;
  readonly chartFile: string;
  readonly report: readonly string[];
}): string[] {
  const { machine } = options;
  const isShared = machine.loadAtStart >= 1;
  return [
    `Measured ${options.finishedAt.slice(0, 10)} by \`npm run bench\`, ${options.runs} run${options.runs === 1 ? "" : "s"} of every`,
    "measurement; each figure is the median, with the lowest and highest in brackets.",
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB of memory, ${machine.kernel};`,
    `Node ${machine.node}; ${machine.java}. The 1-minute load average was`,
    `${machine.loadAtStart.toFixed(1)} when the run started and ${(machine.loadAtEnd ?? Number.NaN).toFixed(1)} when it ended.`,
    ...(isShared
      ? [
          "**The machine was shared and busy with other work during this run**, so the absolute figures are",
          "lower and noisier than on an idle machine; the rows ran interleaved, so their ratios suffer less.",
        ]
      : []),
    "",
    `![Throughput and latency of the rows](${options.chartFile})`,
    "",
    ...options.report,
  ];
}

/** Replaces the generated block of a Markdown file, keeping the hand-written text around it. */
export async function updateResultsBlock(file: string, block: readonly string[]): Promise<void> {
  const text = await readFile(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start)
    throw new Error(`${file} has lost its markers; put back "${START}" and "${END}" where the results go`);
  const trimmed = [...block];
  while (trimmed[trimmed.length - 1] === "") trimmed.pop();
  await writeFile(file, `${text.slice(0, start)}${START}\n\n${trimmed.join("\n")}\n\n${text.slice(end)}`);
}
