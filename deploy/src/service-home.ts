import { chmod, chown, mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { type ServiceUser, succeedsAs } from "./service-user.js";
import { StackError } from "./stack-error.js";

/**
 * Creates a database server's home in the run directory (`<runDir>/mariadb`, say) and, when it runs as a
 * system user of its own, hands the home to that user and makes sure the user can reach it: the run
 * directory may be a private one (a mkdtemp directory is mode 0700), so it gets o+x, which lets others pass
 * through it but not list it. An ancestor the user cannot pass is not ours to open, so that is an error.
 */
export async function prepareServiceHome(
  runDir: string,
  home: string,
  user: ServiceUser | undefined,
  purpose: string,
): Promise<void> {
  await mkdir(home, { recursive: true });
  if (user === undefined) return;
  await chown(home, user.uid, user.gid);
  const runDirMode = (await stat(runDir)).mode & 0o7777;
  if ((runDirMode & 0o001) === 0) await chmod(runDir, runDirMode | 0o001);
  if (await succeedsAs(user, "test", ["-x", home])) return;
  const blocked = await firstBlocked(home, user);
  throw new StackError(
    `${purpose} runs as the system user "${user.name}", which cannot reach ${home}: it may not enter ${blocked}; ` +
      `choose a run directory it can reach (--run-dir, e.g. under /tmp) or let it through (chmod o+x ${blocked})`,
  );
}

/** The outermost directory on the way to `dir` that `user` may not enter. */
async function firstBlocked(dir: string, user: ServiceUser): Promise<string> {
  const ancestors: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    ancestors.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const ancestor of ancestors) {
    if (!(await succeedsAs(user, "test", ["-x", ancestor]))) return ancestor;
  }
  return dir;
}
