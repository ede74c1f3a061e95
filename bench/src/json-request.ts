/**
 * Sends one request to a JSON REST API (Connect's, a search engine's) and returns its parsed answer; an
 * answer whose status is not one of `expected` throws, quoting the start of its body.
 */
export async function requestJson(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  expected: readonly number[],
): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!expected.includes(response.status))
    throw new Error(`${method} ${baseUrl}${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}
