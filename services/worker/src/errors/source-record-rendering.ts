import { createConverter, SimpleHeaderConverter } from "@connect-mesh/converters";
import type { MessageHeaders } from "@connect-mesh/kafka";
import type { Record as MeshRecord, Value } from "@connect-mesh/proto";
import type { DeadLetterContent, RecordOrigin } from "./record-failure.js";

/**
 * A source record has no bytes of its own until it is converted, so its dead-letter copy is rendered:
 * key and value as JsonConverter envelopes (`{"schema":…,"payload":…}`, which keep the schema, so replay
 * can rebuild the record exactly), headers through SimpleHeaderConverter. A value that does not fit its
 * schema (the failure may be exactly that) falls back to schemaless JSON, and to null if even that fails.
 */
const enveloped = createConverter("JsonConverter", { "schemas.enable": "true" }, { isKey: false });
const schemaless = createConverter("JsonConverter", { "schemas.enable": "false" }, { isKey: false });
const headerText = new SimpleHeaderConverter();

/** The dead-letter content of a source record, before any transform or converter touched it. */
export function renderSourceRecord(record: MeshRecord): DeadLetterContent {
  const headers: MessageHeaders = {};
  for (const header of record.headers) {
    const bytes = attempt(() =>
      headerText.fromConnectHeader(record.topic, header.key, header.schema, header.value),
    );
    if (bytes !== null && bytes !== undefined) headers[header.key] = bytes;
  }
  return {
    key: render(record.topic, record.keySchema, record.key),
    value: render(record.topic, record.valueSchema, record.value),
    headers,
  };
}

/** Where a source record came from, for the error headers and the task's failure trace. */
export function sourceOriginOf(record: MeshRecord): RecordOrigin {
  return {
    kind: "source",
    topic: record.topic,
    sourcePartition: jsonTextOf(record.sourcePartition),
    sourceOffset: jsonTextOf(record.sourceOffset),
  };
}

function render(topic: string, schema: MeshRecord["valueSchema"], value: Value | undefined): Buffer | null {
  return (
    attempt(() => enveloped.fromConnectData(topic, schema, value)) ??
    attempt(() => schemaless.fromConnectData(topic, undefined, value)) ??
    null
  );
}

function jsonTextOf(value: Value | undefined): string | undefined {
  if (value === undefined) return undefined;
  return attempt(() => schemaless.fromConnectData("", undefined, value))?.toString("utf8");
}

/** The conversion's result, or undefined when it throws: rendering a failed record must not fail too. */
function attempt<T>(convert: () => T): T | undefined {
  try {
    return convert();
  } catch {
    return undefined;
  }
}
