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

/** A port the operating system reports free right now, for test stacks that must not collide. */
export function findFreePort(): Promise<number> {
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
