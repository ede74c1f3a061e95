import { StackError } from "./stack-error.js";

/** Linux keeps a unix socket's path in 108 bytes, the last one the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * Throws a clear error when a server's unix socket would have a path too long for Linux, which the server
 * itself reports only in its log once it fails to start. The run directory is the only part we do not pick.
 */
export function ensureSocketPathFits(socketPath: string, purpose: string): void {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new StackError(
      `${purpose}'s unix socket would be ${socketPath}, ${bytes} bytes, and Linux allows ${MAX_SOCKET_PATH_BYTES}; choose a shorter run directory (--run-dir)`,
    );
  }
}
