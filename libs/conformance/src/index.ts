/**
 * The conformance kit: drives any connector service, in any language, through the connect-mesh contract
 * (`proto/connectmesh/v1`) and reports each rule it keeps or breaks, with what was expected and what was
 * seen. Health, Describe, Validate and Plan are checked for every service; the Read rules (credit,
 * sequences, resuming, stopping) and the Write rules (ordered acks, flush, typed errors) for each plugin
 * the caller gives a working config.
 */

// The command line, for `cmesh conformance`.
export { type CliOptions, runConformanceCli } from "./cli.js";
// What to check and how.
export type {
  ConfigMap,
  ConformanceOptions,
  DurabilityProbe,
  FlushedRecords,
  PluginConfigs,
} from "./conformance-options.js";
// Reading the results.
export { formatReport } from "./format-report.js";
export {
  type CheckOutcome,
  type CheckResult,
  type ConformanceReport,
  countOutcomes,
  type ReportCounts,
} from "./report.js";
// Running the checks.
export { runConformance } from "./run-conformance.js";
