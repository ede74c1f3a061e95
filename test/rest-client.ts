/** A small client for the coordinator's REST API, returning status and parsed body so tests can assert both. */
export interface RestResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** Sends one request; a body is sent as JSON, or as-is when it is already a string (to test bad JSON). */
export async function rest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<RestResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

/** One task's entry in `GET /connectors/<name>/status`, as Kafka Connect writes it. */
export interface TaskStatus {
  readonly id: number;
  readonly state: string;
  readonly worker_id: string;
  readonly trace?: string;
}

/** The tasks of a connector's status. */
export async function tasksOf(restUrl: string, name: string): Promise<TaskStatus[]> {
  return ((await rest(restUrl, "GET", `/connectors/${name}/status`)).body as { tasks: TaskStatus[] }).tasks;
}
