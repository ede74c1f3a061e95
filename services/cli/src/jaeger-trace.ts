import { CommandError } from "./command-error.js";

/** A tag or log field as Jaeger's query API gives it. */
export interface JaegerKeyValue {
  readonly key: string;
  readonly value: unknown;
}

/** One span of a trace, as `GET /api/traces/<id>` answers (the fields cmesh reads). */
export interface JaegerSpan {
  readonly spanID: string;
  readonly operationName: string;
  readonly references: readonly { readonly refType: string; readonly spanID: string }[];
  /** Microseconds since the epoch. */
  readonly startTime: number;
  /** Microseconds. */
  readonly duration: number;
  readonly tags: readonly JaegerKeyValue[];
  readonly logs?: readonly { readonly fields: readonly JaegerKeyValue[] }[];
  readonly processID: string;
}

/** One trace: its spans and the processes (service and resource tags) they came from. */
export interface JaegerTrace {
  readonly traceID: string;
  readonly spans: readonly JaegerSpan[];
  readonly processes: Readonly<
    Record<string, { readonly serviceName: string; readonly tags: readonly JaegerKeyValue[] }>
  >;
}

/**
 * Asks Jaeger's query API for one trace. Resolves undefined when Jaeger has none under that id (not
 * sampled, not exported yet, or gone from its in-memory store); throws a CommandError when Jaeger does
 * not answer.
 */
export async function fetchJaegerTrace(
  queryUrl: string,
  traceId: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<JaegerTrace | undefined> {
  const url = `${queryUrl.replace(/\/+$/, "")}/api/traces/${encodeURIComponent(traceId)}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch (error) {
    throw new CommandError(
      `Jaeger's query API at ${queryUrl} does not answer (${error instanceof Error ? error.message : String(error)}); ` +
        "is the stack up with --tracing, or is --jaeger-url right?",
      { cause: error },
    );
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new CommandError(`GET ${url} answered ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { readonly data?: readonly JaegerTrace[] };
  return body.data?.[0];
}

/** A tag's value, if the span or process has it. */
export function tagOf(tags: readonly JaegerKeyValue[], key: string): unknown {
  return tags.find((tag) => tag.key === key)?.value;
}
