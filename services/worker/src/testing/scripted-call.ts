/**
 * A connector service's end of a bidirectional gRPC stream, for unit tests: the worker's requests are
 * recorded, and answered through `reply` (by the test, or by `onRequest` as each arrives), until the
 * service `close`s its side. Like a real
 * service, it ends its side once the worker half-closes (`end`), and a `cancel` ends the stream with
 * gRPC's CANCELLED error. Writing after either is an error, as gRPC's is.
 */
export function scriptedCall<
  Message extends { readonly $case: string },
  Response extends { message?: unknown },
>(
  onRequest: (message: Message, service: { reply(response: Response): void; close(): void }) => void = () =>
    undefined,
) {
  const requests: Message[] = [];
  const queued: (Response | "end" | Error)[] = [];
  let wake: (() => void) | undefined;
  const enqueue = (item: Response | "end" | Error) => {
    queued.push(item);
    wake?.();
  };
  const reply = (response: Response) => enqueue(response);
  /** The service ends its side of the stream. */
  const close = () => enqueue("end");
  const call = {
    writable: true,
    on: () => call,
    write(request: { readonly message?: Message }) {
      if (!call.writable) throw new Error("write after the stream was closed");
      if (request.message === undefined) throw new Error("an empty request");
      requests.push(request.message);
      onRequest(request.message, { reply, close });
    },
    end() {
      call.writable = false;
      enqueue("end");
    },
    cancel() {
      call.writable = false;
      enqueue(new Error("1 CANCELLED: Cancelled on client"));
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<Response> {
      for (;;) {
        while (queued.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const next = queued.shift();
        if (next === "end" || next === undefined) return;
        if (next instanceof Error) throw next;
        yield next;
      }
    },
  };
  /** The requests of one kind, typed by it. */
  const ofCase = <C extends Message["$case"]>($case: C) =>
    requests.filter((r): r is Extract<Message, { $case: C }> => r.$case === $case);
  return { call, requests, reply, close, ofCase };
}
