import { ErrorKind } from "@connect-mesh/proto";
import { type ConformanceCheck, fail, pass, skip } from "../internal/conformance-check.js";
import { statusName } from "../internal/status-name.js";
import type { CheckContext, PluginUnderTest } from "./check-context.js";
import { conformanceRecords, describeAnswer, sendBatch, withOpenWrite } from "./sink-stream.js";

const RECORDS = 3;

/**
 * `sink.reports-typed-errors`: under the caller's rejecting config, a batch is answered with a WriteError
 * for that batch, of kind RETRIABLE or FATAL, with a message, and a record_index (if set) within the
 * batch. A record a sink must reject cannot be forced generically, so this needs `rejectingSinkConfigs`.
 */
export function reportsTypedErrorsCheck(context: CheckContext, target: PluginUnderTest): ConformanceCheck {
  const { className } = target.plugin;
  return {
    id: "sink.reports-typed-errors",
    title: "a failed write is answered with a typed WriteError",
    plugin: className,
    run: async (scope) => {
      const config = target.rejectingConfig;
      if (config === undefined) {
        return skip(
          `no record can be made to fail generically; pass rejectingSinkConfigs["${className}"], a config ` +
            "with which writing fails (e.g. a file sink writing to /dev/full) while opening still succeeds",
        );
      }
      return withOpenWrite(context, scope, { plugin: className, config }, async (probe) => {
        sendBatch(probe, 1, conformanceRecords(context, "reports-typed-errors", 1, RECORDS));
        const event = await probe.next(
          scope,
          "sent batch 1 under the rejecting config and waited for its answer",
        );
        if (event.kind === "end") {
          return fail(
            `expected a WriteError for batch 1; the call ended with ${statusName(event.status.code)}: ` +
              `${event.status.details} (a failed open ends the call with a status, so the rejecting config ` +
              "must make writing fail, not opening)",
          );
        }
        const answer = event.message.message;
        if (answer?.$case !== "error") {
          return fail(
            `expected a WriteError for batch 1 under the rejecting config; got ${answer === undefined ? "an empty WriteResponse" : describeAnswer(answer)}`,
          );
        }
        const { sequence, error } = answer.value;
        const problems: string[] = [];
        if (sequence !== 1n) problems.push(`the WriteError names batch ${sequence}; expected batch 1`);
        if (error === undefined) {
          problems.push("the WriteError carries no ConnectorError");
        } else {
          if (error.kind !== ErrorKind.ERROR_KIND_RETRIABLE && error.kind !== ErrorKind.ERROR_KIND_FATAL) {
            problems.push(
              `its kind is ${ErrorKind[error.kind] ?? error.kind}; expected ERROR_KIND_RETRIABLE or ERROR_KIND_FATAL`,
            );
          }
          if (error.message.trim() === "") problems.push("its message is empty; it must say what failed");
          if (error.recordIndex !== undefined && error.recordIndex >= RECORDS) {
            problems.push(`its record_index ${error.recordIndex} is outside the batch of ${RECORDS} records`);
          }
        }
        if (problems.length > 0) return fail(`${describeAnswer(answer)}:\n${problems.join("\n")}`);
        const at = error?.recordIndex === undefined ? "the whole batch" : `record_index ${error.recordIndex}`;
        return pass(`${ErrorKind[error?.kind ?? 0]} for ${at}: ${error?.message ?? ""}`);
      });
    },
  };
}
