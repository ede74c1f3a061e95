import type { Plugin } from "@connect-mesh/proto";
import type { ConfigMap, DurabilityProbe } from "../conformance-options.js";
import type { ConnectorClients } from "../internal/connector-clients.js";

/** What every check needs from the run. */
export interface CheckContext {
  /** The clients to the service under test. */
  readonly clients: ConnectorClients;
  /** How long to wait to be sure something does not happen. */
  readonly quietMs: number;
  /** A tag unique to the run, put in the records the kit writes so a probe can tell them apart. */
  readonly runId: string;
}

/** One plugin under test, with what the caller gave for it. */
export interface PluginUnderTest {
  /** The plugin as Describe listed it. */
  readonly plugin: Plugin;
  /** A config that makes it work, if given. */
  readonly workingConfig?: ConfigMap;
  /** For a sink, a config that makes writing fail, if given. */
  readonly rejectingConfig?: ConfigMap;
  /** For a sink, a probe of the outside system, if given. */
  readonly verifyDurable?: DurabilityProbe;
}

/** The skip reason of a check that needs a working config the caller did not give. */
export function noWorkingConfig(target: PluginUnderTest, option: "sourceConfigs" | "sinkConfigs"): string {
  const example =
    option === "sourceConfigs"
      ? "e.g. for FileStreamSource a file of a few lines, batch.size=1 and a topic"
      : "e.g. for FileStreamSink a file to append to";
  return (
    `needs a working config for ${target.plugin.className}, and none was given; pass ` +
    `${option}["${target.plugin.className}"] (${example})`
  );
}
