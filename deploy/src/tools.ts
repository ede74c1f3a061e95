import { spawn } from "node:child_process";
import { StackError } from "./stack-error.js";

/** Throws one clear error when a tool the stack needs (java, mvn, go) is not on the PATH or does not run. */
export async function requireTool(
  command: string,
  versionArgs: readonly string[],
  why: string,
): Promise<void> {
  const runs = await new Promise<boolean>((resolve) => {
    const child = spawn(command, versionArgs, { stdio: "ignore" });
    child.once("error", () => resolve(false));
    child.once("exit", (code) => resolve(code === 0));
  });
  if (!runs)
    throw new StackError(
      `"${command}" was not found on the PATH or does not run: ${why}; install it and try again`,
    );
}
