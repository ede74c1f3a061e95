import type { BenchSummary } from "./bench-summary.js";
import { formatNumber } from "./figures.js";
import type { RowId } from "./options.js";
import type { Spread } from "./stats.js";

const WIDTH = 960;
const LABEL_X = 16;
const BAR_X = 250;
const BAR_WIDTH = 560;
const BAR_HEIGHT = 18;
const ROW_GAP = 8;
const COLORS: Record<RowId, string> = {
  A: "#4e79a7",
  B: "#f28e2b",
  B2: "#edc948",
  C: "#e15759",
  D: "#59a14f",
  E: "#b07aa1",
  F: "#76b7b2",
};
const NAMES: Record<RowId, string> = {
  A: "A Kafka's perf tools",
  B: "B raw kafkajs",
  B2: "B2 raw @platformatic/kafka",
  C: "C Kafka Connect",
  D: "D connect-mesh",
  E: "E JDBC connectors",
  F: "F search sink",
};

/**
 * The comparison as an SVG chart, drawn by hand so the bench needs no plotting library: end-to-end
 * records/s per workload (bars at the median, whiskers from min to max), then p50 and p99 latency on a
 * log scale.
 */
export function renderChart(summary: BenchSummary, ratePerSec: number, subtitle: string): string {
  const parts: string[] = [];
  let y = 30;
  parts.push(text(LABEL_X, y, "connect-mesh bench: end-to-end throughput and latency", 18, "bold"));
  y += 20;
  parts.push(text(LABEL_X, y, subtitle, 12));
  y += 20;

  for (const workload of summary.workloads) {
    const rows = (Object.keys(NAMES) as RowId[]).filter(
      (id) => workload.rows[id] !== undefined || workload.failures[id] !== undefined,
    );
    // A run of row E or F alone measured no workload.
    if (rows.length === 0) continue;
    y += 24;
    parts.push(text(LABEL_X, y, `${workload.name}: records/s, median with min–max`, 14, "bold"));
    y += 12;
    const top = Math.max(1, ...rows.map((id) => workload.rows[id]?.recordsPerSec.max ?? 0)) * 1.05;
    for (const id of rows) {
      const spread = workload.rows[id]?.recordsPerSec;
      if (spread !== undefined) parts.push(...spreadBar(id, spread, top, y, formatNumber(spread.median)));
      else parts.push(...failedBar(id, y));
      y += BAR_HEIGHT + ROW_GAP;
    }
  }

  // Rows E and F each have a pipeline of their own, so a scale of their own.
  const copies = [
    ["E", "MariaDB → Kafka → PostgreSQL: table rows/s", summary.jdbc, summary.jdbcFailures],
    ["F", "Kafka → Elasticsearch: documents/s", summary.search, summary.searchFailures],
  ] as const;
  for (const [id, title, copy, failures] of copies) {
    if (copy === undefined && failures === undefined) continue;
    y += 24;
    parts.push(text(LABEL_X, y, `${title}, median with min–max`, 14, "bold"));
    y += 12;
    const spread = copy?.recordsPerSec;
    if (spread !== undefined)
      parts.push(...spreadBar(id, spread, spread.max * 1.05, y, formatNumber(spread.median)));
    else parts.push(...failedBar(id, y));
    y += BAR_HEIGHT + ROW_GAP;
  }

  const latencyRows = (Object.keys(NAMES) as RowId[]).filter((id) => summary.latency[id] !== undefined);
  if (latencyRows.length > 0) {
    y += 24;
    parts.push(
      text(
        LABEL_X,
        y,
        `Latency at ${formatNumber(ratePerSec)} records/s: p50 (light) and p99 (dark), ms, log scale`,
        14,
        "bold",
      ),
    );
    y += 12;
    const highest = Math.max(1, ...latencyRows.map((id) => summary.latency[id]?.p99Ms.median ?? 0));
    const decades = { low: -1, high: Math.ceil(Math.log10(highest)) };
    const scale = (ms: number) =>
      ((Math.log10(Math.max(ms, 10 ** decades.low)) - decades.low) / (decades.high - decades.low)) *
      BAR_WIDTH;
    for (const id of latencyRows) {
      const latency = summary.latency[id];
      if (latency === undefined) continue;
      parts.push(text(LABEL_X, y + BAR_HEIGHT - 4, NAMES[id], 13));
      parts.push(rect(BAR_X, y, scale(latency.p99Ms.median), BAR_HEIGHT, COLORS[id], 1));
      parts.push(rect(BAR_X, y, scale(latency.p50Ms.median), BAR_HEIGHT, "#ffffff", 0.45));
      parts.push(
        text(
          BAR_X + scale(latency.p99Ms.median) + 6,
          y + BAR_HEIGHT - 4,
          `p50 ${latency.p50Ms.median.toFixed(1)} · p99 ${latency.p99Ms.median.toFixed(1)}`,
          12,
        ),
      );
      y += BAR_HEIGHT + ROW_GAP;
    }
    for (let decade = decades.low; decade <= decades.high; decade++) {
      const x = BAR_X + scale(10 ** decade);
      parts.push(`<line x1="${x}" y1="${y}" x2="${x}" y2="${y + 5}" stroke="#555"/>`);
      parts.push(text(x - 8, y + 18, formatNumber(10 ** decade, Math.max(0, -decade)), 11));
    }
    y += 24;
  }

  const height = y + 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<title>${escapeXml(`connect-mesh bench, ${subtitle}`)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

function spreadBar(id: RowId, spread: Spread, top: number, y: number, label: string): string[] {
  const x = (value: number) => BAR_X + (value / top) * BAR_WIDTH;
  const middle = y + BAR_HEIGHT / 2;
  return [
    text(LABEL_X, y + BAR_HEIGHT - 4, NAMES[id], 13),
    rect(BAR_X, y, x(spread.median) - BAR_X, BAR_HEIGHT, COLORS[id], 1),
    `<line x1="${x(spread.min)}" y1="${middle}" x2="${x(spread.max)}" y2="${middle}" stroke="#222"/>`,
    `<line x1="${x(spread.min)}" y1="${middle - 4}" x2="${x(spread.min)}" y2="${middle + 4}" stroke="#222"/>`,
    `<line x1="${x(spread.max)}" y1="${middle - 4}" x2="${x(spread.max)}" y2="${middle + 4}" stroke="#222"/>`,
    text(x(spread.max) + 6, y + BAR_HEIGHT - 4, label, 12),
  ];
}

/** A row that failed every run: its name, and where to read why. */
function failedBar(id: RowId, y: number): string[] {
  return [
    text(LABEL_X, y + BAR_HEIGHT - 4, NAMES[id], 13),
    text(BAR_X, y + BAR_HEIGHT - 4, "failed: see the table for why", 12, "bold"),
  ];
}

function rect(x: number, y: number, width: number, height: number, fill: string, opacity: number): string {
  return `<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(0, width).toFixed(1)}" height="${height}" fill="${fill}" fill-opacity="${opacity}"/>`;
}

function text(x: number, y: number, content: string, size: number, weight = "normal"): string {
  return `<text x="${x.toFixed(1)}" y="${y}" font-size="${size}" font-weight="${weight}">${escapeXml(content)}</text>`;
}

function escapeXml(content: string): string {
  return content.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
