import type { ClientDuplexStream } from "@grpc/grpc-js";
import { StreamProbe } from "./stream-probe.js";

/**
 * Runs `use` with a probe on a freshly started bidi call and cancels the call afterwards, however `use`
 * ended, so no check leaves a stream (and a connector task behind it) open.
 */
export async function withStream<Req, Res, T>(
  call: ClientDuplexStream<Req, Res>,
  use: (probe: StreamProbe<Req, Res>) => Promise<T>,
): Promise<T> {
  const probe = new StreamProbe(call);
  try {
    return await use(probe);
  } finally {
    probe.cancel();
  }
}
