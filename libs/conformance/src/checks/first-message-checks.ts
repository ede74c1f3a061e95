import type { StatusObject } from "@grpc/grpc-js";
import { status } from "@grpc/grpc-js";
import type { CheckScope } from "../internal/check-scope.js";
import { type ConformanceCheck, fail, pass, type Verdict } from "../internal/conformance-check.js";
import { statusName } from "../internal/status-name.js";
import type { StreamProbe } from "../internal/stream-probe.js";
import { withStream } from "../internal/with-stream.js";
import type { CheckContext } from "./check-context.js";
import { conformanceRecords } from "./sink-stream.js";

/** `source.first-message-must-be-open`: a Read whose first request is a credit, not open, fails with INVALID_ARGUMENT. */
export function sourceFirstMessageCheck(context: CheckContext): ConformanceCheck {
  return {
    id: "source.first-message-must-be-open",
    title: "a Read that does not start with open fails with INVALID_ARGUMENT",
    run: async (scope) =>
      withStream(context.clients.source.read({ deadline: scope.callDeadlineAt }), async (probe) => {
        probe.send({ message: { $case: "credit", value: { batches: 1 } } });
        return refusal(probe, scope, "Read", "credit");
      }),
  };
}

/** `sink.first-message-must-be-open`: a Write whose first request is a batch, not open, fails with INVALID_ARGUMENT. */
export function sinkFirstMessageCheck(context: CheckContext): ConformanceCheck {
  return {
    id: "sink.first-message-must-be-open",
    title: "a Write that does not start with open fails with INVALID_ARGUMENT",
    run: async (scope) =>
      withStream(context.clients.sink.write({ deadline: scope.callDeadlineAt }), async (probe) => {
        probe.send({
          message: {
            $case: "batch",
            value: { sequence: 1n, records: conformanceRecords(context, "first-message", 1, 1), packed: [] },
          },
        });
        return refusal(probe, scope, "Write", "batch");
      }),
  };
}

async function refusal<Req, Res>(
  probe: StreamProbe<Req, Res>,
  scope: CheckScope,
  call: string,
  first: string,
): Promise<Verdict> {
  const expected = `expected a ${call} whose first request is ${first} (not open) to fail with INVALID_ARGUMENT`;
  const event = await probe.next(scope, `${expected}; waited for the call to end`);
  if (event.kind === "message") return fail(`${expected}; the service answered with a message instead`);
  return isRefused(event.status)
    ? pass(`INVALID_ARGUMENT: ${event.status.details}`)
    : fail(`${expected}; it ended with ${statusName(event.status.code)}: ${event.status.details}`);
}

function isRefused(ended: StatusObject): boolean {
  return ended.code === status.INVALID_ARGUMENT;
}
