import { type BenchSummary, RATIOS } from "./bench-summary.js";
import { type CopySummary, cpuMicrosPerRecord } from "./copy-summary.js";
import { formatNumber, formatSpread } from "./figures.js";
import { markdownTable } from "./markdown-table.js";
import type { RowId } from "./options.js";
import type { BenchResults } from "./results.js";
import type { ProcessSummary } from "./summary.js";
import type { TargetVerdict } from "./targets.js";
import { isWorkerLabel } from "./worker-labels.js";

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

  // A run of row E or F alone has no file pipeline to tabulate.
  const hasFileRows = results.options.rows.length > 0;
  const fileWorkloads = hasFileRows ? summary.workloads : [];
  for (const workload of fileWorkloads) {
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

  if (fileWorkloads.length > 0)
    section(
      "Ratios of end-to-end records/s (medians)",
      ...markdownTable(
        ["ratio", "meaning", ...fileWorkloads.map((w) => w.name)],
        RATIOS.map((r) => [r.name, r.meaning, ...fileWorkloads.map((w) => formatRatio(w.ratios[r.name]))]),
      ),
    );

  const latencyRows = results.options.rows.filter(
    (id) => summary.latency[id] !== undefined || summary.latencyFailures[id] !== undefined,
  );
  if (results.options.shouldMeasureLatency && hasFileRows)
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

  if (fileWorkloads.length > 0)
    section(
      "CPU per million records: each row's processes together, the shared broker left out (medians)",
      ...markdownTable(
        ["row", ...fileWorkloads.map((w) => `${w.name}: CPU (s)`)],
        results.options.rows.map((id) => [
          rowTitle(id),
          ...fileWorkloads.map((w) => formatSpread(w.rows[id]?.cpuSecondsPerMillion, 1)),
        ]),
      ),
    );

  const processRows = [
    ...summary.workloads.flatMap((w) =>
      results.options.rows.flatMap((id) => processCells(w.name, id, w.rows[id]?.processes ?? [])),
    ),
    ...latencyRows.flatMap((id) => processCells("latency", id, summary.latency[id]?.processes ?? [])),
    ...(results.options.jdbc === undefined
      ? []
      : processCells(tableRowsName(results.options.jdbc.rows), "E", summary.jdbc?.processes ?? [])),
    ...(results.options.search === undefined
      ? []
      : processCells(documentsName(results.options.search.documents), "F", summary.search?.processes ?? [])),
  ];
  section(
    "Processes: peak resident memory and CPU time per run",
    ...markdownTable(["run", "row", "process", "peak RSS (MB)", "CPU (s)"], processRows),
  );

  section(
    "Targets (issues 9 and 17)",
    ...markdownTable(
      ["target", "measured", "verdict"],
      targets.map((t) => [t.target, t.measured, t.verdict]),
    ),
  );

  section("Tracing overhead", ...tracingSection(results, summary));

  section("MariaDB → Kafka → PostgreSQL (JDBC)", ...jdbcSection(results, summary));

  section("Kafka → Elasticsearch (search sink)", ...searchSection(results, summary));

  return lines;
}

/** Row E: what it ran, its rows/s, and each process's CPU per row; or why it is not there. */
function jdbcSection(results: BenchResults, summary: BenchSummary): string[] {
  const plan = results.options.jdbc;
  if (plan === undefined) return ["Not measured in this run (`--rows` or `--measure` left row E out)."];
  const jdbc = summary.jdbc;
  const note = (name: string) => formatSpread(jdbc?.notes[name], 1);
  const timeline =
    jdbc === undefined
      ? []
      : [
          "",
          "Seconds after creating the connectors:",
          "",
          ...markdownTable(
            [
              "first record in Kafka",
              "last record in Kafka",
              "first rows in PostgreSQL",
              "every row in PostgreSQL",
            ],
            [
              [
                note("firstRecordSeconds"),
                note("lastRecordSeconds"),
                note("firstRowsSeconds"),
                formatSpread(jdbc.seconds, 1),
              ],
            ],
          ),
        ];
  return [
    `Row E copies a MariaDB table of ${formatNumber(plan.rows)} rows (an INT auto-increment key, a VARCHAR, a`,
    "DECIMAL(10,2) and a DATETIME(3)) into PostgreSQL through one single-partition topic: JdbcSourceConnector in",
    `\`incrementing\` mode with \`batch.max.rows\` ${formatNumber(plan.batchMaxRows)}, and JdbcSinkConnector upserting on \`id\``,
    "into a table it creates. Timed from creating the connectors until PostgreSQL holds every row, then checked:",
    "the target's count and a SHA-256 over its rows in key order must equal the source's.",
    "",
    ...markdownTable(
      ["row", "rows/s", "seconds", "checked"],
      [
        [
          `E: ${results.rows.E}`,
          formatSpread(jdbc?.recordsPerSec),
          formatSpread(jdbc?.seconds, 1),
          checked(jdbc?.verified, summary.jdbcFailures),
        ],
      ],
    ),
    ...timeline,
    ...cpuPerRecord(jdbc, "row"),
  ];
}

/** Row F: what it ran, its documents/s, and each process's CPU per document; or why it is not there. */
function searchSection(results: BenchResults, summary: BenchSummary): string[] {
  const plan = results.options.search;
  if (plan === undefined) return ["Not measured in this run (`--rows` or `--measure` left row F out)."];
  const search = summary.search;
  const timeline =
    search === undefined
      ? []
      : [
          "",
          "Seconds after creating the connector:",
          "",
          ...markdownTable(
            ["first documents counted", "every document counted"],
            [[formatSpread(search.notes.firstDocumentsSeconds, 1), formatSpread(search.seconds, 1)]],
          ),
        ];
  return [
    `Row F indexes ${formatNumber(plan.documents)} records of one single-partition topic into Elasticsearch: ElasticsearchSinkConnector`,
    "with `key.ignore=true` (a document per record, its id the record's topic+partition+offset) and the index's",
    "mapping made from the values' schema. The records (row E's table rows as JsonConverter structs with",
    "schemas) are all in Kafka before the connector is created. Timed from creating the connector until the",
    "index's `_count`, which sees documents as of the index's last refresh (every second, the default), counts",
    "every record; then checked after a refresh of its own: exactly that many documents, their ids 1 to N",
    "adding up to N(N+1)/2.",
    "",
    ...markdownTable(
      ["row", "documents/s", "seconds", "checked"],
      [
        [
          `F: ${results.rows.F}`,
          formatSpread(search?.recordsPerSec),
          formatSpread(search?.seconds, 1),
          checked(search?.verified, summary.searchFailures),
        ],
      ],
    ),
    ...timeline,
    ...cpuPerRecord(search, "document"),
  ];
}

/** Each process's CPU across a copying row's runs, and per record copied; nothing when no run was measured. */
function cpuPerRecord(copy: CopySummary | undefined, record: string): string[] {
  if (copy === undefined) return [];
  return [
    "",
    ...markdownTable(
      ["process", "CPU (s)", `CPU per ${record} (µs)`],
      copy.processes.map((p) => [
        p.label,
        formatSpread(p.cpuSeconds, 1),
        formatNumber(cpuMicrosPerRecord(p, copy.records), 1),
      ]),
    ),
  ];
}

/** "100,000 table rows": row E's run in the processes table. */
function tableRowsName(rows: number): string {
  return `${formatNumber(rows)} table rows`;
}

/** "100,000 documents": row F's run in the processes table. */
function documentsName(documents: number): string {
  return `${formatNumber(documents)} documents`;
}

/** Row D with tracing off, at 1% and at 100%, each as a ratio of off; or why it is not there. */
function tracingSection(results: BenchResults, summary: BenchSummary): string[] {
  if (results.options.shouldMeasureTracing !== true)
    return ["Not measured in this run (`--measure` or `--rows` left it out)."];
  const workload = results.options.tracingWorkload;
  const cpuOf = (processes: readonly ProcessSummary[], label: string) =>
    formatSpread(processes.find((p) => p.label === label)?.cpuSeconds, 1);
  // Each worker's own, as the runs sampled them: a sum across runs' medians would be no run's figure.
  const workersCpuOf = (processes: readonly ProcessSummary[]) =>
    processes
      .filter((p) => isWorkerLabel(p.label))
      .map((p) => formatSpread(p.cpuSeconds, 1))
      .join(" + ") || "–";
  return [
    `Row D on ${formatNumber(workload.lines)} lines of ${workload.lineBytes} bytes, the modes interleaved in each run, and`,
    "the workers and the file service restarted before each, so every mode starts cold alike. Off: they run",
    "with no OTLP endpoint. 0%, 1% and 100%: they run with",
    "`OTEL_EXPORTER_OTLP_ENDPOINT` pointing at a Jaeger that stores the spans, and both connectors created",
    "with that `trace.sampling.ratio`.",
    "",
    ...markdownTable(
      ["tracing", "records/s", "over off", "workers' CPU (s)", "file service CPU (s)", "checked"],
      summary.tracing.map((m) => [
        m.mode,
        formatSpread(m.throughput?.recordsPerSec),
        formatRatio(m.ratioToOff, 3),
        workersCpuOf(m.throughput?.processes ?? []),
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
