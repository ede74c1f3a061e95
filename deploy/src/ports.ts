import { createServer } from "node:net";
import { StackError } from "./stack-error.js";

/** Whether nothing listens on 127.0.0.1:`port`, found by binding it briefly. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws one clear error naming every port of `wanted` that something else already holds. */
export async function ensurePortsFree(wanted: Readonly<Record<string, number>>): Promise<void> {
  const taken: string[] = [];
  for (const [purpose, port] of Object.entries(wanted)) {
    if (!(await isPortFree(port))) taken.push(`${port} (${purpose})`);
  }
  if (taken.length > 0) {
    throw new StackError(
      `port ${taken.join(", ")} is already in use on 127.0.0.1; stop what holds it or choose other ports (cmesh up --help)`,
    );
  }
}

/** How many ports already handed out the OS may offer in a row before we give up. */
const MAX_REPEATS = 100;

/**
 * Ports from `probe` (what the OS reports free right now), never one handed out before by the function it
 * returns. The OS may offer a port again as soon as its probe is closed, before whoever asked has bound
 * it: a stack's ports, all picked before any service starts, once came out twice (a connector service's
 * gRPC port and its metrics port), and the second listener failed.
 */
export function uniquePorts(probe: () => Promise<number>): () => Promise<number> {
  const handedOut = new Set<number>();
  return async () => {
    for (let attempt = 0; attempt <= MAX_REPEATS; attempt++) {
      const port = await probe();
      if (!handedOut.has(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new StackError(`the OS offered only ports already handed out, ${MAX_REPEATS + 1} times in a row`);
  };
}

/**
 * A port the operating system reports free right now and this process has not handed out before, for
 * stacks on free ports that must not collide with anything, themselves included.
 */
export const findFreePort: () => Promise<number> = uniquePorts(portFreeNow);

function portFreeNow(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("the OS gave no free port"))));
    });
  });
}
