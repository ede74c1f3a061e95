import { connect, createServer, type Server, type Socket } from "node:net";

/** A TCP proxy to a real server that can be made to drop all traffic, as a network partition would. */
export interface BlackholeProxy {
  /** The proxy's client URL, e.g. "http://127.0.0.1:40123". */
  readonly endpoint: string;
  /** From now on, drops every byte both ways while keeping connections open: no error, just silence. */
  cut(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** Starts a proxy on a free local port that forwards to `target` ("http://host:port") until cut. */
export async function startBlackholeProxy(target: string): Promise<BlackholeProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let isCut = false;
  const forward = (from: Socket, to: Socket): void => {
    from.on("data", (chunk: Buffer) => {
      if (!isCut) to.write(chunk);
    });
    // A reset on one side (the test closing its client) just ends the pair.
    from.on("error", () => to.destroy());
    from.on("close", () => {
      sockets.delete(from);
      to.destroy();
    });
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no TCP address");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    cut: () => {
      isCut = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
