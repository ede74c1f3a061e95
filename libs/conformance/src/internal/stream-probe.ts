import { type ClientDuplexStream, Metadata, type StatusObject, status } from "@grpc/grpc-js";
import { type CheckScope, interruptedWait } from "./check-scope.js";

/** What a stream did next: sent a message, or ended with a status. */
export type StreamEvent<Res> =
  | { readonly kind: "message"; readonly message: Res }
  | { readonly kind: "end"; readonly status: StatusObject };

// Responses held before the call is paused. A well-behaved service sends only what was credited or asked
// for; the bound is for a broken one that floods, so memory stays flat while HTTP/2 flow control pushes back.
const DEFAULT_MAX_QUEUED = 256;

/**
 * The client side of one bidi call, seen as a sequence of events the checks pull one at a time with a
 * deadline: the next message, or the status the call ended with. It never throws on a broken service;
 * the check decides what an event means.
 */
export class StreamProbe<Req, Res> {
  private readonly queue: Res[] = [];
  private readonly waiters: (() => void)[] = [];
  private finalStatus: StatusObject | undefined;
  private isHalfClosed = false;
  private isReadEnded = false;

  constructor(
    private readonly call: ClientDuplexStream<Req, Res>,
    private readonly maxQueued = DEFAULT_MAX_QUEUED,
  ) {
    call.on("data", (response: Res) => {
      this.queue.push(response);
      if (this.queue.length >= this.maxQueued) call.pause();
      this.wake();
    });
    // The status can come while messages are still buffered in a paused stream; the end is reported only
    // after "end", once every message before it has been seen.
    call.on("end", () => {
      this.isReadEnded = true;
      this.wake();
    });
    call.on("status", (final: StatusObject) => this.settle(final));
    // grpc-js emits "error" (then "status") for every non-OK end; without a listener it would throw.
    call.on("error", (error: Partial<StatusObject> & Error) =>
      this.settle({
        code: error.code ?? status.UNKNOWN,
        details: error.details ?? error.message,
        metadata: error.metadata ?? new Metadata(),
      }),
    );
  }

  /** Sends a request; does nothing once the call has ended or been half-closed (the end is the event to see). */
  send(request: Req): void {
    if (this.finalStatus !== undefined || this.isHalfClosed) return;
    this.call.write(request);
  }

  /** Half-closes the call: the client will send nothing more. */
  halfClose(): void {
    if (this.isHalfClosed || this.finalStatus !== undefined) return;
    this.isHalfClosed = true;
    this.call.end();
  }

  /** Cancels the call, if it is still open. Safe to call more than once. */
  cancel(): void {
    if (this.finalStatus === undefined) this.call.cancel();
  }

  /** The next event; throws `interruptedWait(scope, what)` if none comes before the scope aborts. */
  async next(scope: CheckScope, what: string): Promise<StreamEvent<Res>> {
    for (;;) {
      const event = this.take();
      if (event !== undefined) return event;
      if (scope.signal.aborted) throw interruptedWait(scope, what);
      await this.changed(scope.signal);
    }
  }

  /**
   * The next event if one comes within `quietMs`, or undefined if the stream stays quiet that long. Used
   * where the rule is that nothing may arrive (a batch past the credit, a second answer to one batch).
   */
  async nextWithin(quietMs: number, scope: CheckScope, what: string): Promise<StreamEvent<Res> | undefined> {
    const quiet = AbortSignal.timeout(quietMs);
    const signal = AbortSignal.any([scope.signal, quiet]);
    for (;;) {
      const event = this.take();
      if (event !== undefined) return event;
      if (scope.signal.aborted) throw interruptedWait(scope, what);
      if (signal.aborted) return undefined;
      await this.changed(signal);
    }
  }

  /** Waits for the call's status, dropping any messages still arriving; throws as `next` does. */
  async ended(scope: CheckScope, what: string): Promise<StatusObject> {
    for (;;) {
      const event = await this.next(scope, what);
      if (event.kind === "end") return event.status;
    }
  }

  private take(): StreamEvent<Res> | undefined {
    const message = this.queue.shift();
    if (message !== undefined) {
      if (this.queue.length < this.maxQueued) this.call.resume();
      return { kind: "message", message };
    }
    if (this.finalStatus === undefined || !this.isReadEnded) return undefined;
    return { kind: "end", status: this.finalStatus };
  }

  private settle(final: StatusObject): void {
    this.finalStatus ??= final;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves on the next message or status, or when `signal` aborts. */
  private async changed(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      this.waiters.push(done);
    });
  }
}
