import { spawn } from "node:child_process";
import { StackError } from "./stack-error.js";

/** The system user a database server runs as when the stack runs as root. */
export interface ServiceUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Whether this process runs as root, which MariaDB and PostgreSQL refuse (or dislike) to run as. */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * The user a database server must run as: its own system user (`mysql`, `postgres`, made by its Debian
 * package) when we are root, or undefined when we are not and it runs as us. `purpose` names the server for
 * the error when that user does not exist.
 */
export async function serviceUserFor(name: string, purpose: string): Promise<ServiceUser | undefined> {
  if (!isRoot()) return undefined;
  const uid = await idOf(name, "-u");
  const gid = await idOf(name, "-g");
  if (uid === undefined || gid === undefined) {
    throw new StackError(
      `${purpose} must not run as root, and its system user "${name}" does not exist; reinstall its Debian package (which creates the user) or run cmesh as an ordinary user`,
    );
  }
  return { name, uid, gid };
}

/**
 * The command line that runs `command` as `user` (as is, when there is none). `setpriv` changes the user and
 * then execs the command in the same process, so the pid we record is the server's own: `isOurProcess` finds
 * the run directory on its command line, and signals reach the server itself, not a wrapper (`runuser` and
 * `su` stay behind as a parent).
 */
export function commandAs(
  user: ServiceUser | undefined,
  command: string,
  args: readonly string[],
): { readonly command: string; readonly args: readonly string[] } {
  if (user === undefined) return { command, args };
  return {
    command: "setpriv",
    args: [`--reuid=${user.name}`, `--regid=${user.name}`, "--init-groups", "--", command, ...args],
  };
}

/** Whether `command` runs and exits 0 as `user`; its output is not wanted. */
export function succeedsAs(
  user: ServiceUser | undefined,
  command: string,
  args: readonly string[],
): Promise<boolean> {
  const line = commandAs(user, command, args);
  return new Promise((resolve) => {
    const child = spawn(line.command, line.args, { stdio: "ignore" });
    child.once("error", () => resolve(false));
    child.once("exit", (code) => resolve(code === 0));
  });
}

function idOf(name: string, which: "-u" | "-g"): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn("id", [which, name], { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once("error", () => resolve(undefined));
    child.once("close", (code) =>
      resolve(code === 0 && /^\d+$/.test(stdout.trim()) ? Number(stdout) : undefined),
    );
  });
}

/**
 * Like `serviceUserFor`, but creates the system user (no home, no login) when it is missing: for servers
 * such as Elasticsearch that come as a zip, with no package to make a user for them.
 */
export async function ensureServiceUser(name: string, purpose: string): Promise<ServiceUser | undefined> {
  if (!isRoot()) return undefined;
  if ((await idOf(name, "-u")) === undefined) {
    const created = await succeedsAs(undefined, "useradd", [
      "--system",
      "--no-create-home",
      "--user-group",
      "--shell",
      "/usr/sbin/nologin",
      name,
    ]);
    // Another `cmesh up` may have created it meanwhile; `serviceUserFor` below says if it still is missing.
    if (!created && (await idOf(name, "-u")) === undefined) {
      throw new StackError(
        `${purpose} must not run as root, and creating its system user "${name}" failed (useradd); create it (useradd --system ${name}) or run cmesh as an ordinary user`,
      );
    }
  }
  return serviceUserFor(name, purpose);
}
