import { type BenchSummary, RATIOS } from "./bench-summary.js";
import { formatNumber, formatSpread } from "./figures.js";
import { markdownTable } from "./markdown-table.js";
import type { RowId } from "./options.js";
import type { BenchResults } from "./results.js";
import type { ProcessSummary } from "./summary.js";
import type { TargetVerdict } from "./targets.js";

/**
 * The bench's tables as Markdown: what it prints at the end of a run and what docs/performance.md shows.
 * Every figure is "median (min–max)" over the runs.
 */
export function renderReport(
  results: BenchResults,
  summary: BenchSummary,
  targets: readonly TargetVerdict[],
): string[] {
  const rowTitle = (id: RowId) => `${id}: ${results.rows[id]}`;
  const lines: string[] = [];
  const section = (title: string, ...body: string[]) => lines.push(`### ${title}`, "", ...body, "");

  for (const workload of summary.workloads) {
    section(
      `Throughput, ${workload.name}: ${formatNumber(workload.lines)} lines of ${workload.lineBytes} bytes`,
      ...markdownTable(
        ["row", "records/s", "MB/s", "checked"],
        results.options.rows.map((id) => {
          const row = workload.rows[id];
          return [
            rowTitle(id),
            formatSpread(row?.recordsPerSec),
            formatSpread(row?.mbPerSec, 1),
            checked(row?.verified, workload.failures[id]),
          ];
        }),
      ),
    );
  }

  section(
    "Ratios of end-to-end records/s (medians)",
    ...markdownTable(
      ["ratio", "meaning", ...summary.workloads.map((w) => w.name)],
      RATIOS.map((r) => [r.name, r.meaning, ...summary.workloads.map((w) => formatRatio(w.ratios[r.name]))]),
    ),
  );

  const latencyRows = results.options.rows.filter(
    (id) => summary.latency[id] !== undefined || summary.latencyFailures[id] !== undefined,
  );
  if (results.options.shouldMeasureLatency)
    section(
      `Latency at ${formatNumber(results.options.latency.ratePerSec)} records/s, ${results.options.latency.lineBytes}-byte lines`,
      ...markdownTable(
        ["row", "from → to", "p50 (ms)", "p99 (ms)", "max (ms)", "checked"],
        latencyRows.map((id) => {
          const latency = summary.latency[id];
          return [
            id,
            latency?.measures ?? "–",
            formatSpread(latency?.p50Ms, 1),
            formatSpread(latency?.p99Ms, 1),
            formatSpread(latency?.maxMs, 1),
            checked(latency?.verified, summary.latencyFailures[id]),
          ];
        }),
      ),
    );

  const processRows = [
    ...summary.workloads.flatMap((w) =>
      results.options.rows.flatMap((id) => processCells(w.name, id, w.rows[id]?.processes ?? [])),
    ),
    ...latencyRows.flatMap((id) => processCells("latency", id, summary.latency[id]?.processes ?? [])),
  ];
  section(
    "Processes: peak resident memory and CPU time per run",
    ...markdownTable(["run", "row", "process", "peak RSS (MB)", "CPU (s)"], processRows),
  );

  section(
    "Targets (issue 9)",
    ...markdownTable(
      ["target", "measured", "verdict"],
      targets.map((t) => [t.target, t.measured, t.verdict]),
    ),
  );

  section("Tracing overhead", ...tracingSection(results, summary));

  return lines;
}

/** Row D with tracing off, at 1% and at 100%, each as a ratio of off; or why it is not there. */
function tracingSection(results: BenchResults, summary: BenchSummary): string[] {
  if (results.options.shouldMeasureTracing !== true)
    return ["Not measured in this run (`--measure` or `--rows` left it out)."];
  const workload = results.options.tracingWorkload;
  const cpuOf = (processes: readonly ProcessSummary[], label: string) =>
    formatSpread(processes.find((p) => p.label === label)?.cpuSeconds, 1);
  return [
    `Row D on ${formatNumber(workload.lines)} lines of ${workload.lineBytes} bytes, the modes interleaved in each run, and`,
    "the worker and the file service restarted before each, so every mode starts cold alike. Off: both run",
    "with no OTLP endpoint. 1% and 100%: both run with",
    "`OTEL_EXPORTER_OTLP_ENDPOINT` pointing at a Jaeger that stores the spans, and both connectors created",
    "with that `trace.sampling.ratio`.",
    "",
    ...markdownTable(
      ["tracing", "records/s", "over off", "worker CPU (s)", "file service CPU (s)", "checked"],
      summary.tracing.map((m) => [
        m.mode,
        formatSpread(m.throughput?.recordsPerSec),
        formatRatio(m.ratioToOff, 3),
        cpuOf(m.throughput?.processes ?? [], "worker"),
        cpuOf(m.throughput?.processes ?? [], "file service"),
        checked(m.throughput?.verified, m.failures),
      ]),
    ),
  ];
}

/** The "checked" cell: how the runs were verified, and whether some failed (and why). */
function checked(verified: string | undefined, failures: string | undefined): string {
  if (verified === undefined) return failures === undefined ? "not measured" : `FAILED, ${failures}`;
  return failures === undefined ? verified : `${verified}; ${failures}`;
}

function processCells(run: string, id: RowId, processes: readonly ProcessSummary[]): string[][] {
  return processes.map((p) => [run, id, p.label, formatSpread(p.peakRssMb), formatSpread(p.cpuSeconds, 1)]);
}

function formatRatio(ratio: number | undefined, decimals = 2): string {
  return ratio === undefined ? "–" : ratio.toFixed(decimals);
}
