// Breaks one rule of SinkService.Write: it acks batches in swapped pairs (2 before 1, 4 before 3), so
// answers are not in batch order. Flush still answers, after releasing a held ack. The kit must fail
// exactly `sink.acks-in-order`.
import type { SinkServiceServer, WriteRequest, WriteResponse } from "@connect-mesh/proto";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import { refuseNotOpen } from "./refuse-call.js";

/** The out-of-order Write handler. */
export function outOfOrderSink(): SinkServiceServer {
  return { write: (call) => serveWrite(call) };
}

function serveWrite(call: ServerDuplexStream<WriteRequest, WriteResponse>): void {
  let isOpen = false;
  let held: bigint | undefined;
  const release = (): void => {
    if (held !== undefined) call.write({ message: { $case: "ack", value: { sequence: held } } });
    held = undefined;
  };
  call.on("data", (request: WriteRequest) => {
    const message = request.message;
    if (!isOpen) {
      if (message?.$case !== "open") return refuseNotOpen(call, message?.$case ?? "empty");
      isOpen = true;
      return;
    }
    if (message?.$case === "batch") {
      const { sequence } = message.value;
      // The broken rule: an odd batch's ack waits for the next batch and goes out after it.
      if (sequence % 2n === 1n) held = sequence;
      else {
        call.write({ message: { $case: "ack", value: { sequence } } });
        release();
      }
    } else if (message?.$case === "flush") {
      release();
      call.write({
        message: { $case: "flushed", value: { throughSequence: message.value.throughSequence } },
      });
    }
  });
  call.on("end", () => call.end());
}
