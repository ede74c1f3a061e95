import { waitFor } from "@connect-mesh/async";
import { requestJson } from "./json-request.js";

/**
 * The few calls of Kafka Connect's REST API the bench makes. Rows C and D answer the same API, so one
 * client drives both, with the same connector configs.
 */
export class ConnectRest {
  constructor(private readonly baseUrl: string) {}

  /** POST /connectors; Connect answers 201 Created. */
  async createConnector(name: string, config: Readonly<Record<string, string>>): Promise<void> {
    await this.send("POST", "/connectors", { name, config }, [201]);
  }

  /** DELETE /connectors/{name}, then waits until the connector is no longer listed. */
  async deleteConnector(name: string): Promise<void> {
    await this.send("DELETE", `/connectors/${encodeURIComponent(name)}`, undefined, [204, 404]);
    await waitFor(
      () => this.send("GET", "/connectors", undefined, [200]),
      (names) => Array.isArray(names) && !names.includes(name),
      {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: `connector ${name} to be deleted at ${this.baseUrl}`,
      },
    );
  }

  /** Waits until the connector and every one of its tasks report RUNNING. */
  async waitUntilRunning(name: string, signal: AbortSignal): Promise<void> {
    await waitFor(
      () => this.send("GET", `/connectors/${encodeURIComponent(name)}/status`, undefined, [200]),
      (status) => isRunning(status),
      {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: `connector ${name} to run at ${this.baseUrl}`,
        signal,
      },
    );
  }

  /** GET /connectors/{name}/status as Connect answers it, for a failed run's report. */
  async statusOf(name: string): Promise<unknown> {
    return this.send("GET", `/connectors/${encodeURIComponent(name)}/status`, undefined, [200]);
  }

  /** Why the connector or one of its tasks FAILED (the first line of its trace); undefined while none has. */
  async failureOf(name: string): Promise<string | undefined> {
    const status = (await this.send(
      "GET",
      `/connectors/${encodeURIComponent(name)}/status`,
      undefined,
      [200],
    )) as StatusBody | undefined;
    const failed = [status?.connector, ...(status?.tasks ?? [])].find((s) => s?.state === "FAILED");
    if (failed === undefined) return undefined;
    return `${name} FAILED: ${failed.trace?.split("\n")[0] ?? "no trace given"}`;
  }

  private send(method: string, path: string, body: unknown, expected: readonly number[]): Promise<unknown> {
    return requestJson(this.baseUrl, method, path, body, expected);
  }
}

interface StateBody {
  state?: string;
  trace?: string;
}

interface StatusBody {
  connector?: StateBody;
  tasks?: StateBody[];
}

function isRunning(status: unknown): boolean {
  const body = status as StatusBody | undefined;
  const tasks = body?.tasks ?? [];
  return (
    body?.connector?.state === "RUNNING" && tasks.length > 0 && tasks.every((t) => t.state === "RUNNING")
  );
}
