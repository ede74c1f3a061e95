import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

/** Where `/metrics` is served. */
export interface MetricsServerOptions {
  readonly registry: Registry;
  /** 0 (the default) takes any free port; see `MetricsServer.port`. */
  readonly port?: number;
  /** "127.0.0.1" by default. */
  readonly host?: string;
}

/** A running `/metrics` endpoint. */
export interface MetricsServer {
  readonly port: number;
  /** e.g. http://127.0.0.1:9464/metrics */
  readonly url: string;
  /** Stops listening and closes open connections; calling it again returns the same promise. */
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` in Prometheus's text format from `registry`, and 404 for anything else. It is a
 * bare node:http server so that every service, including the connector services, can afford one.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry } = options;
  const server = createServer((request, response) => {
    const path = request.url?.split("?")[0];
    if (request.method !== "GET" || path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("only GET /metrics is served here\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: unknown) =>
        response
          .writeHead(500, { "content-type": "text/plain" })
          .end(`collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  const host = options.host ?? "127.0.0.1";
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/metrics`,
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // A scraper's keep-alive connection would hold close() open until it times out.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
