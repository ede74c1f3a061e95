import { spawn } from "node:child_process";

/**
 * The version a server binary reports with `--version` ("10.11.19" from mariadbd's, "15.18" from
 * postgres's), for the line `cmesh up` prints; "unknown" if it prints none.
 */
export function versionOf(binary: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(binary, ["--version"], { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once("error", () => resolve("unknown"));
    child.once("close", () => resolve(versionIn(stdout) ?? "unknown"));
  });
}

/** The first dotted version number in `text`, such as "10.11.19" in "mariadbd  Ver 10.11.19-MariaDB-0+deb12u1". */
export function versionIn(text: string): string | undefined {
  return /\d+\.\d+(?:\.\d+)?/.exec(text)?.[0];
}
