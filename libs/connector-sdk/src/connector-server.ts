import {
  ConnectorServiceClient,
  ConnectorServiceService,
  type DescribeResponse,
  SinkServiceClient,
  type SinkServiceServer,
  SinkServiceService,
  SourceServiceClient,
  type SourceServiceServer,
  SourceServiceService,
} from "@connect-mesh/proto";
import { LoggerFactory } from "@connect-mesh/telemetry";
import { Server, ServerCredentials } from "@grpc/grpc-js";
import { FatalError } from "./errors.js";
import { settlesWithin } from "./internal/abortable.js";
import { connectorService } from "./internal/connector-service.js";
import { HealthReporter } from "./internal/health-reporter.js";
import { PluginRegistry } from "./internal/plugin-registry.js";
import { reflectionService } from "./internal/reflection.js";
import { serveWrite } from "./internal/sink-session.js";
import { serveRead } from "./internal/source-session.js";
import type { StreamDeps } from "./internal/stream-deps.js";
import { WorkTracker } from "./internal/work-tracker.js";
import type { ConnectorPlugin } from "./plugin.js";

/** How to run a connector service. */
export interface ConnectorServerOptions {
  /** The plugins to host; at least one, with unique class names and aliases. */
  readonly plugins: readonly ConnectorPlugin[];
  /** The interface to listen on; "127.0.0.1" by default. */
  readonly host?: string;
  /** The port to listen on; 0 (the default) takes any free port, see `ConnectorServer.port`. */
  readonly port?: number;
  /**
   * The service's logger factory (see @connect-mesh/telemetry); the SDK logs through its named loggers
   * `connector-sdk.server`, `connector-sdk.source-task` and `connector-sdk.sink-task`, with each task's
   * connector, task and plugin bound and its secret config values hidden. Silent by default.
   */
  readonly logging?: LoggerFactory;
  /** How long a graceful stop waits for open Read and Write streams to end before cancelling them. */
  readonly gracePeriodMs?: number;
  /** How long a stopping task may take to release what it holds before the server moves on. */
  readonly taskStopTimeoutMs?: number;
}

/** How to stop. */
export interface StopOptions {
  /**
   * True (the default): stop taking new calls, let open streams end (up to the grace period), then shut
   * down. False: cancel every stream and shut down at once.
   */
  readonly graceful?: boolean;
}

/** A running connector service. */
export interface ConnectorServer {
  /** Where to reach it, "host:port", as the service registry advertises it. */
  readonly address: string;
  /** The port it listens on (the one picked, when asked for port 0). */
  readonly port: number;
  /** What `Describe` answers: the hosted plugins, for registration. */
  readonly description: DescribeResponse;
  /** Stops the server; calling it again returns the same promise. */
  stop(options?: StopOptions): Promise<void>;
}

const HEALTH_SERVICE = "grpc.health.v1.Health";
// Requests a stream may buffer before it is paused. Credits, acks and batches are answered as they come,
// so a few dozen is plenty; it only bounds memory when a task is slow (a sink write) or the worker floods.
const MAX_QUEUED_REQUESTS = 32;

/**
 * Starts a connector service hosting `plugins`: ConnectorService (Describe, Validate, Plan), SourceService
 * if any plugin is a source, SinkService if any is a sink, grpc.health.v1.Health (SERVING once listening,
 * NOT_SERVING from the moment it stops) and server reflection. Registering it in the service registry is
 * the caller's job: `address` and `description` are what that needs.
 */
export async function startConnectorServer(options: ConnectorServerOptions): Promise<ConnectorServer> {
  const registry = new PluginRegistry(options.plugins);
  const logging = options.logging ?? new LoggerFactory({ service: "connector", level: "silent" });
  const logger = logging.logger("connector-sdk.server");
  const forceStop = new AbortController();
  const streams = new WorkTracker(logger);
  const deps: StreamDeps = {
    registry,
    logging,
    stopping: forceStop.signal,
    maxQueuedRequests: MAX_QUEUED_REQUESTS,
    taskStopTimeoutMs: options.taskStopTimeoutMs ?? 10_000,
  };

  const server = new Server();
  const served = [ConnectorServiceClient.serviceName];
  server.addService(ConnectorServiceService, connectorService(registry));
  if (registry.hosts("source")) {
    const source: SourceServiceServer = { read: (call) => streams.track(serveRead(call, deps)) };
    server.addService(SourceServiceService, source);
    served.push(SourceServiceClient.serviceName);
  }
  if (registry.hosts("sink")) {
    const sink: SinkServiceServer = { write: (call) => streams.track(serveWrite(call, deps)) };
    server.addService(SinkServiceService, sink);
    served.push(SinkServiceClient.serviceName);
  }
  const health = new HealthReporter(server, served);
  reflectionService([...served, HEALTH_SERVICE]).addToServer(server);

  const host = options.host ?? "127.0.0.1";
  const port = await bind(server, host, options.port ?? 0);
  const address = hostPort(host, port);
  health.set("SERVING");
  logger.info(
    { address, plugins: options.plugins.map((plugin) => plugin.className) },
    "connector service listening",
  );

  let stopped: Promise<void> | undefined;
  const stop = async (graceful: boolean): Promise<void> => {
    // Health first, so registries and workers stop sending new work here before anything closes.
    health.set("NOT_SERVING");
    health.endWatches();
    // No new calls from here on; resolves once every open call has ended and the connections are closed.
    const closed = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    if (graceful) {
      const gracePeriodMs = options.gracePeriodMs ?? 30_000;
      logger.info(
        { open: streams.size, gracePeriodMs },
        "stopping: no new calls; waiting for open streams to end",
      );
      if (!(await settlesWithin(closed, gracePeriodMs))) {
        logger.warn({ open: streams.size }, "streams still open after the grace period; cancelling them");
      }
    }
    forceStop.abort(new Error("the connector service is stopping"));
    server.forceShutdown();
    if (!(await streams.drain(deps.taskStopTimeoutMs))) {
      logger.warn({ open: streams.size }, "some tasks did not finish stopping in time");
    }
    await closed;
    logger.info({}, "connector service stopped");
  };

  return {
    address,
    port,
    description: registry.description,
    stop: (stopOptions = {}) => {
      stopped ??= stop(stopOptions.graceful ?? true);
      return stopped;
    },
  };
}

async function bind(server: Server, host: string, port: number): Promise<number> {
  const target = hostPort(host, port);
  return new Promise((resolve, reject) => {
    server.bindAsync(target, ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error === null) resolve(boundPort);
      else
        reject(
          new FatalError(`the connector service could not listen on ${target}: ${error.message}`, {
            cause: error,
          }),
        );
    });
  });
}

/** "host:port", with an IPv6 host in brackets. */
function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}
