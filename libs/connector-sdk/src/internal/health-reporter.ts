import type { Server, ServerWritableStream } from "@grpc/grpc-js";
import { HealthImplementation, type ServingStatus } from "grpc-health-check";

type HealthServer = Parameters<HealthImplementation["addToServer"]>[0];
type WatchHandler = (call: ServerWritableStream<unknown, unknown>) => void;

/**
 * grpc.health.v1.Health for one server: the overall status ("") and each served service's move together.
 * It also ends open Watch streams when the server stops: they never end on their own, and an open one
 * would keep a graceful shutdown waiting until its grace period ran out.
 */
export class HealthReporter {
  private readonly health = new HealthImplementation();
  private readonly watches = new Set<ServerWritableStream<unknown, unknown>>();

  constructor(
    server: Server,
    private readonly services: readonly string[],
  ) {
    const tracking: HealthServer = {
      addService: (service, implementation) => {
        // grpc-health-check types its handlers loosely; Watch is a server-streaming handler.
        const watch = implementation.watch as WatchHandler;
        server.addService(service, {
          ...implementation,
          watch: (call: ServerWritableStream<unknown, unknown>) => {
            this.watches.add(call);
            call.once("close", () => this.watches.delete(call));
            watch(call);
          },
        });
      },
    };
    this.health.addToServer(tracking);
    this.set("NOT_SERVING");
  }

  /** Sets every served service's status, telling the watchers. */
  set(status: ServingStatus): void {
    for (const name of ["", ...this.services]) this.health.setStatus(name, status);
  }

  /** Ends every open Watch stream (with status OK, after the statuses already written). */
  endWatches(): void {
    for (const call of this.watches) call.end();
    this.watches.clear();
  }
}
