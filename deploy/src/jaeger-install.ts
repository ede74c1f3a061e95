import { buildFromGoProxy } from "./go-build.js";
import { tailOf } from "./processes.js";
import type { Progress } from "./progress.js";
import { StackError } from "./stack-error.js";
import { JAEGER_VERSION } from "./versions.js";

/** Jaeger's all-in-one binary (Jaeger v2: an OpenTelemetry Collector with Jaeger's storage and query). */
export interface JaegerInstall {
  readonly binary: string;
  readonly version: string;
}

/** Jaeger's own entry point, added to our small module as a Go tool so `go build` can name it. */
const JAEGER_TOOL = "github.com/jaegertracing/jaeger/cmd/jaeger";

/**
 * Builds Jaeger from the Go module proxy into `<cacheDir>/jaeger-<version>` once (several minutes on two
 * cores; later runs find it there). The module proxy has Jaeger's Go code but not its web UI, which
 * Jaeger's release builds embed from a separate project: this build serves the query API, and the UI's
 * address shows a placeholder page.
 */
export async function installJaeger(cacheDir: string, progress: Progress): Promise<JaegerInstall> {
  const result = await buildFromGoProxy(
    cacheDir,
    {
      name: "jaeger",
      version: JAEGER_VERSION,
      getArgs: ["-tool", `${JAEGER_TOOL}@${JAEGER_VERSION}`],
      buildTarget: JAEGER_TOOL,
    },
    progress,
  );
  if (result.built) return { binary: result.binary, version: JAEGER_VERSION };
  throw new StackError(
    `could not build Jaeger ${JAEGER_VERSION} (go exited ${result.exitCode}; log: ${result.logFile}); is the Go module proxy reachable? \`cmesh up\` without --tracing runs without it`,
    { detail: await tailOf(result.logFile) },
  );
}
