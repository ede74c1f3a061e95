import { once } from "node:events";
import type { Metadata, ServerDuplexStream } from "@grpc/grpc-js";

/** A gRPC status to end a call with. */
export interface CallStatus {
  readonly code: number;
  readonly details: string;
  readonly metadata?: Metadata;
}

/**
 * One bidi call seen as a channel: `next()` pulls the worker's requests one at a time, `send()` writes
 * responses with the stream's backpressure, and `end()`/`fail()` finish the call exactly once.
 *
 * Requests are queued only up to `maxQueued`: past that the call is paused, so gRPC stops reading and
 * HTTP/2 flow control pushes back on the worker instead of memory growing here.
 */
export class CallChannel<Req, Res> {
  private readonly queue: Req[] = [];
  private readonly cancelController = new AbortController();
  private readonly waiters: (() => void)[] = [];
  private isInputEnded = false;
  private isFinished = false;

  constructor(
    private readonly call: ServerDuplexStream<Req, Res>,
    private readonly maxQueued: number,
  ) {
    call.on("data", (request: Req) => {
      this.queue.push(request);
      if (this.queue.length >= this.maxQueued) call.pause();
      this.wake();
    });
    call.on("end", () => this.endInput());
    // "cancelled" comes when the client cancels or the server is forced down; "close" covers the rest.
    call.on("cancelled", () => this.cancel());
    call.on("close", () => this.cancel());
    // gRPC's own listener turns an error into the call's status; this one only stops the reading.
    call.on("error", () => this.cancel());
  }

  /** Aborted when the call is gone: the client cancelled, the connection dropped, or the server was forced down. */
  get cancelled(): AbortSignal {
    return this.cancelController.signal;
  }

  /**
   * The next request, or undefined once the client has half-closed, the call is gone, or `signal` (the
   * caller's own reason to stop reading) aborts.
   */
  async next(signal?: AbortSignal): Promise<Req | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const request = this.queue.shift();
      if (request !== undefined) {
        if (this.queue.length < this.maxQueued) this.call.resume();
        return request;
      }
      if (this.isInputEnded || this.cancelled.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        signal?.addEventListener("abort", wake, { once: true });
        this.waiters.push(wake);
      });
    }
  }

  /**
   * Writes one response, waiting for the stream to drain when its buffer is full. Returns false, writing
   * nothing, when the call is already gone or finished.
   */
  async send(response: Res): Promise<boolean> {
    if (!this.isWritable()) return false;
    if (this.call.write(response)) return true;
    try {
      await once(this.call, "drain", { signal: this.cancelled });
      return true;
    } catch (error) {
      if (this.cancelled.aborted) return false;
      throw error;
    }
  }

  /** Ends the call with status OK (after the responses already written). */
  end(): void {
    if (this.isFinished) return;
    this.isFinished = true;
    if (this.isWritable()) this.call.end();
  }

  /** Ends the call with an error status. */
  fail(status: CallStatus): void {
    if (this.isFinished) return;
    this.isFinished = true;
    if (!this.isWritable()) return;
    // grpc-js turns an "error" event on a server stream into the call's final status.
    this.call.emit("error", Object.assign(new Error(status.details), status));
  }

  private isWritable(): boolean {
    return !this.cancelled.aborted && !this.call.destroyed && !this.call.writableEnded;
  }

  private endInput(): void {
    this.isInputEnded = true;
    this.wake();
  }

  private cancel(): void {
    this.cancelController.abort(new Error("the gRPC call ended"));
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
