/**
 * A Kafka record's headers as the client takes and gives them: each key once, with its value, or its values
 * in order when the key repeats. The shape of kafkajs's `IHeaders`, so its messages need no conversion.
 */
export type MessageHeaders = { [key: string]: Buffer | string | (Buffer | string)[] | undefined };

/** One consumed header value: kafkajs gives a header without a value as null, whatever its typings say. */
export type ConsumedHeaderValue = Buffer | string | null | undefined;

/**
 * Headers to send, from each key's values in the order they came: one value as itself, several as an array.
 * kafkajs sends a repeated key's values together, at the first one's place, and cannot send a header
 * without a value (it fails to size it): leave such a header out rather than pass null.
 */
export function messageHeadersOf(valuesByKey: Record<string, Buffer[]>): MessageHeaders {
  return Object.fromEntries(
    Object.entries(valuesByKey).map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
  );
}

/** The values of one consumed header, in order: kafkajs gives a repeated key as an array of its values. */
export function headerValuesOf(value: MessageHeaders[string] | null): readonly ConsumedHeaderValue[] {
  return Array.isArray(value) ? value : [value];
}

/** A consumed header value as bytes; null for a header without a value. */
export function headerBytesOf(value: ConsumedHeaderValue): Buffer | null {
  if (value === null || value === undefined) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8");
}

/** The text of header `name`'s last value; undefined when the header is missing or has no value. */
export function lastHeaderText(headers: MessageHeaders | undefined, name: string): string | undefined {
  const value: MessageHeaders[string] | null = headers?.[name];
  const last: ConsumedHeaderValue = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined || last === null ? undefined : last.toString();
}
