import type { CheckOutcome, ConformanceReport } from "./report.js";
import { countOutcomes } from "./report.js";

const LABELS: Readonly<Record<CheckOutcome, string>> = { pass: "PASS", fail: "FAIL", skip: "SKIP" };
const DETAIL_INDENT = "      ";

/**
 * Renders a report as text: one line per check (`PASS id [plugin] title`), the detail indented under
 * each failure and skip (so a reader sees why without a second tool), and a closing summary line
 * `conformance: N passed, N failed, N skipped`. Lines are joined with "\n", with no trailing newline.
 */
export function formatReport(report: ConformanceReport): string {
  const lines = [`conformance of ${report.address}`];
  for (const check of report.checks) {
    const plugin = check.plugin === undefined ? "" : ` [${check.plugin}]`;
    lines.push(`${LABELS[check.outcome]} ${check.id}${plugin} ${check.title}`);
    if (check.outcome !== "pass") {
      for (const detailLine of check.detail.split("\n")) lines.push(`${DETAIL_INDENT}${detailLine}`);
    }
  }
  const counts = countOutcomes(report);
  lines.push(`conformance: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return lines.join("\n");
}
