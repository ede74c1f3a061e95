import { FatalError } from "../errors.js";

/** The worker broke the stream rules (no `open` first, an ack for a batch never sent, …): a bug to fix there. */
export class ProtocolError extends FatalError {}

/** A request named a plugin this service does not host, or one of the wrong kind. */
export class UnknownPluginError extends FatalError {
  constructor(
    readonly plugin: string,
    readonly wanted: "source" | "sink" | "any",
    readonly hosted: readonly string[],
  ) {
    const kind = wanted === "any" ? "" : `${wanted} `;
    super(
      `this connector service hosts no ${kind}plugin "${plugin}"; it hosts: ${hosted.join("; ") || "nothing"}` +
        "; check connector.class, or route the connector to the service that hosts it",
    );
  }
}
