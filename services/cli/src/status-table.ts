import type { ConnectorStatusBody, StateBody } from "./connect-bodies.js";
import { formatTable } from "./table.js";

// A Java stack trace starts its frames with a tab; four spaces keep the trace visibly under its task.
const TRACE_INDENT = "    ";

/**
 * A connector's status as lines: a heading with its name and type, then a table of the connector and each
 * task (id, state, worker), with the trace of anything FAILED indented below its line.
 */
export function formatConnectorStatus(status: ConnectorStatusBody): string[] {
  const rows: { cells: string[]; trace: string | undefined }[] = [
    { cells: ["ID", "STATE", "WORKER"], trace: undefined },
    row("connector", status.connector),
    ...[...status.tasks].sort((a, b) => a.id - b.id).map((task) => row(`task ${task.id}`, task)),
  ];
  const table = formatTable(rows.map((r) => r.cells));
  const lines = [status.type === undefined ? status.name : `${status.name} (${status.type})`];
  rows.forEach(({ trace }, index) => {
    lines.push(table[index] ?? "");
    if (trace !== undefined) lines.push(...traceLines(trace));
  });
  return lines;
}

/** Whether the connector or any of its tasks has FAILED: `cmesh status <name>` then exits 1. */
export function hasFailed(status: ConnectorStatusBody): boolean {
  return [status.connector, ...status.tasks].some((s) => s.state === "FAILED");
}

function row(id: string, state: StateBody): { cells: string[]; trace: string | undefined } {
  return {
    cells: [id, state.state, state.worker_id === "" ? "-" : state.worker_id],
    // Connect sends a trace only on failure; showing it only then keeps a stale one from confusing.
    trace: state.state === "FAILED" && state.trace?.trim() ? state.trace : undefined,
  };
}

function traceLines(trace: string): string[] {
  return trace
    .trimEnd()
    .split("\n")
    .map((line) => `${TRACE_INDENT}${line.trimEnd()}`);
}
