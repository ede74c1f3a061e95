// Breaks one rule of SinkService.Write: it acks every batch in order but never answers `flush`, so the
// worker could never commit offsets. The kit must fail exactly `sink.flush-answered`.
import type { SinkServiceServer, WriteRequest, WriteResponse } from "@connect-mesh/proto";
import type { ServerDuplexStream } from "@grpc/grpc-js";
import { refuseNotOpen } from "./refuse-call.js";

/** The flush-ignoring Write handler. */
export function flushIgnoringSink(): SinkServiceServer {
  return { write: (call) => serveWrite(call) };
}

function serveWrite(call: ServerDuplexStream<WriteRequest, WriteResponse>): void {
  let isOpen = false;
  call.on("data", (request: WriteRequest) => {
    const message = request.message;
    if (!isOpen) {
      if (message?.$case !== "open") return refuseNotOpen(call, message?.$case ?? "empty");
      isOpen = true;
      return;
    }
    if (message?.$case === "batch") {
      call.write({ message: { $case: "ack", value: { sequence: message.value.sequence } } });
    }
    // The broken rule: a flush request is dropped, never answered.
  });
  call.on("end", () => call.end());
}
