// The worker's question to a connector service, asked over a real gRPC connection to a small service.
import {
  type ConnectorServiceServer,
  ConnectorServiceService,
  type Plugin,
  PluginKind,
} from "@connect-mesh/proto";
import { Server, ServerCredentials, status } from "@grpc/grpc-js";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { readsPackedBatches } from "./plugin-capabilities.js";

const servers: Server[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.forceShutdown();
});

function plugin(className: string, readsPacked: boolean): Plugin {
  return {
    className,
    aliases: [],
    kind: PluginKind.PLUGIN_KIND_SINK,
    version: "1",
    description: "",
    configs: [],
    readsPackedBatches: readsPacked,
  };
}

/** A connector service whose Describe lists `plugins`, or fails when given none. */
async function connectorService(plugins: Plugin[] | undefined): Promise<string> {
  const server = new Server();
  servers.push(server);
  const implementation: ConnectorServiceServer = {
    describe: (_call, callback) =>
      plugins === undefined
        ? callback({ code: status.INTERNAL, details: "the plugin registry is broken" })
        : callback(null, { plugins }),
    validate: (_call, callback) => callback({ code: status.UNIMPLEMENTED }),
    plan: (_call, callback) => callback({ code: status.UNIMPLEMENTED }),
  };
  server.addService(ConnectorServiceService, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return `127.0.0.1:${port}`;
}

/** A logger whose lines are kept, parsed. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("readsPackedBatches", () => {
  it("answers for the plugin asked about, from that service's Describe", async () => {
    const address = await connectorService([
      plugin("org.example.Packed", true),
      plugin("org.example.Plain", false),
    ]);
    const { logger } = capturingLogger();
    expect(await readsPackedBatches(address, "org.example.Packed", logger)).toBe(true);
    expect(await readsPackedBatches(address, "org.example.Plain", logger)).toBe(false);
    expect(await readsPackedBatches(address, "org.example.Unknown", logger)).toBe(false);
  });

  it("takes the per-record form when Describe fails, and warns that it does", async () => {
    const address = await connectorService(undefined);
    const { logger, lines } = capturingLogger();
    expect(await readsPackedBatches(address, "org.example.Packed", logger)).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        address,
        plugin: "org.example.Packed",
        msg: expect.stringContaining("one by one"),
      }),
    ]);
  });
});
