import type { Converter, SchemaAndValue } from "@connect-mesh/converters";
import type { Header, Record as MeshRecord } from "@connect-mesh/proto";
import { TRACE_HEADER_KEYS } from "@connect-mesh/telemetry";
import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import { ConversionError, convertIn } from "./errors/conversion-error.js";
import type { TaskConverters } from "./task-converters.js";

/**
 * A source record as a Kafka message: key and value through the task's key and value converters, each
 * header's value through its header converter (SimpleHeaderConverter unless `header.converter` says
 * otherwise), as Connect's WorkerSourceTask converts them.
 *
 * Two limits of kafkajs show here. It cannot send a header without a value (it fails to size it), so a
 * header whose value converts to null is left out, where Connect would send the key with no value. And it
 * takes headers as an object of key to values, so headers with the same key stay in their order but are
 * sent together, at the first one's place.
 *
 * A converter that fails throws a ConversionError naming its stage (KEY_CONVERTER, VALUE_CONVERTER or
 * HEADER_CONVERTER) and class, for the error policy and the dead-letter headers.
 */
export function toKafkaMessage(record: MeshRecord, converters: TaskConverters): Message {
  // Headers first, as Connect converts them; most records carry none, and get an object of their own
  // still, for the trace headers to go on.
  const headers = record.headers.length === 0 ? {} : convertHeaders(record, converters);
  return {
    key: convertIn("KEY_CONVERTER", converters.key, () =>
      converters.key.fromConnectData(record.topic, record.keySchema, record.key),
    ),
    value: convertIn("VALUE_CONVERTER", converters.value, () =>
      converters.value.fromConnectData(record.topic, record.valueSchema, record.value),
    ),
    headers,
    partition: record.kafkaPartition,
    timestamp: record.timestampMs === undefined ? undefined : String(record.timestampMs),
  };
}

/** Each header's value through the header converter, keeping the ones that convert to bytes. */
function convertHeaders(record: MeshRecord, converters: TaskConverters): IHeaders {
  const headers: Record<string, Buffer[]> = {};
  for (const header of record.headers) {
    const bytes = convertIn("HEADER_CONVERTER", converters.header, () =>
      converters.header.fromConnectHeader(record.topic, header.key, header.schema, header.value),
    );
    if (bytes === null) continue;
    const values = headers[header.key] ?? [];
    values.push(bytes);
    headers[header.key] = values;
  }
  return singleValuesUnwrapped(headers);
}

/** A consumed Kafka message as a sink record, with where it came from and its headers converted back. */
export function fromKafkaMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
  converters: TaskConverters,
): MeshRecord {
  const key = readData("KEY_CONVERTER", converters.key, topic, message.key);
  const value = readData("VALUE_CONVERTER", converters.value, topic, message.value);
  return {
    key: key.value,
    keySchema: key.schema,
    value: value.value,
    valueSchema: value.schema,
    headers: headersFrom(topic, message.headers, converters),
    timestampMs: BigInt(message.timestamp),
    topic,
    kafkaPartition: partition,
    sourcePartition: undefined,
    sourceOffset: undefined,
    kafkaPosition: { topic, partition, offset: BigInt(message.offset) },
    trace: undefined,
  };
}

/**
 * `converter.toConnectData`, blaming `stage` if it throws: convertIn without its closure, which cost two
 * allocations per record on the sink's hot path (V8 did not optimize them away).
 */
function readData(
  stage: ConversionError["stage"],
  converter: Converter,
  topic: string,
  bytes: Buffer | null,
): SchemaAndValue {
  try {
    return converter.toConnectData(topic, bytes);
  } catch (error) {
    throw new ConversionError(stage, converter, error);
  }
}

/** A single value as itself and several as an array, the shape kafkajs gives consumed headers too. */
function singleValuesUnwrapped(headers: Record<string, Buffer[]>): IHeaders {
  return Object.fromEntries(
    Object.entries(headers).map(([key, values]) => [key, values.length === 1 ? values[0] : values]),
  );
}

/**
 * Each header value through the header converter, as Connect's WorkerSinkTask converts them, except the
 * W3C trace headers: those become the record's `trace` (the consume hop continues them), and parsing them
 * as data for every record cost more than the rest of tracing. kafkajs gives a repeated key as an array of
 * its values, and a header without a value as null, whatever its typings say.
 */
function headersFrom(topic: string, headers: IHeaders | undefined, converters: TaskConverters): Header[] {
  const converted: Header[] = [];
  if (headers === undefined) return converted;
  for (const headerKey of Object.keys(headers)) {
    if (TRACE_HEADER_KEYS.has(headerKey)) continue;
    const raw: Buffer | string | (Buffer | string)[] | null | undefined = headers[headerKey];
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      const bytes = v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(v, "utf8");
      const { schema, value } = convertIn("HEADER_CONVERTER", converters.header, () =>
        converters.header.toConnectHeader(topic, headerKey, bytes),
      );
      converted.push({ key: headerKey, value, schema });
    }
  }
  return converted;
}
