import type { Converter, SchemaAndValue } from "@connect-mesh/converters";
import { flatValueOf, timestampDeltas, timestampOf } from "@connect-mesh/data";
import {
  headerBytesOf,
  headerValuesOf,
  type IncomingMessage,
  type MessageHeaders,
  messageHeadersOf,
  type OutgoingMessage,
} from "@connect-mesh/kafka";
import type { Header, Record as MeshRecord, PackedRecords, Schema } from "@connect-mesh/proto";
import { TRACE_HEADER_KEYS } from "@connect-mesh/telemetry";
import { ConversionError, convertIn } from "./errors/conversion-error.js";
import type { TaskConverters } from "./task-converters.js";

/**
 * A source record as a Kafka message: key and value through the task's key and value converters, each
 * header's value through its header converter (SimpleHeaderConverter unless `header.converter` says
 * otherwise), as Connect's WorkerSourceTask converts them.
 *
 * Two limits of the Kafka client show here (see messageHeadersOf): a header whose value converts to null is
 * left out, where Connect would send the key with no value, and headers with the same key stay in their
 * order but are sent together, at the first one's place.
 *
 * A converter that fails throws a ConversionError naming its stage (KEY_CONVERTER, VALUE_CONVERTER or
 * HEADER_CONVERTER) and class, for the error policy and the dead-letter headers.
 */
export function toKafkaMessage(record: MeshRecord, converters: TaskConverters): OutgoingMessage {
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

/**
 * A packed run's records as Kafka messages: what toKafkaMessage makes of each of its unpacked records, but
 * with each flat key and value handed to its converter as the bytes it came as (Converter.fromFlatData), so
 * that no Data API value is built for it. The records have no headers, and a run carries no trace to put on
 * them. A converter that fails throws its error as it is: the caller goes record by record instead, where
 * the failure is reported with its record.
 */
export function packedKafkaMessages(run: PackedRecords, converters: TaskConverters): OutgoingMessage[] {
  const { topic, keySchema, valueSchema, keys } = run;
  const nullKey = keys.length === 0 ? converters.key.fromConnectData(topic, keySchema, undefined) : null;
  const sharedTimestamp = run.timestampDeltasMs.length === 0 ? timestampText(run, 0) : undefined;
  return run.values.map((value, index) => {
    const key = keys[index];
    return {
      key: key === undefined ? nullKey : flatData(converters.key, topic, keySchema, key),
      value: flatData(converters.value, topic, valueSchema, value),
      partition: run.kafkaPartition,
      timestamp: sharedTimestamp ?? timestampText(run, index),
    };
  });
}

function flatData(
  converter: Converter,
  topic: string,
  schema: Schema | undefined,
  bytes: Buffer,
): Buffer | null {
  return schema !== undefined && converter.fromFlatData !== undefined
    ? converter.fromFlatData(topic, schema, bytes)
    : converter.fromConnectData(topic, schema, flatValueOf(schema, bytes));
}

function timestampText(run: PackedRecords, index: number): string | undefined {
  const timestamp = timestampOf(run, index);
  return timestamp === undefined ? undefined : String(timestamp);
}

/** Each header's value through the header converter, keeping the ones that convert to bytes. */
function convertHeaders(record: MeshRecord, converters: TaskConverters): MessageHeaders {
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
  return messageHeadersOf(headers);
}

/** A consumed Kafka message as a sink record, with where it came from and its headers converted back. */
export function fromKafkaMessage(
  topic: string,
  partition: number,
  message: IncomingMessage,
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
 * A partition's consumed messages (in the order fetched) as one packed run, read straight from their bytes
 * (Converter.toFlatData) with no Data API value built: unpacked, its records are what fromKafkaMessage gives
 * for each message. Undefined unless every message has no headers and every value (and every key, or none)
 * reads as flat under one schema.
 */
export function packedSinkRun(
  topic: string,
  partition: number,
  messages: readonly IncomingMessage[],
  converters: TaskConverters,
): PackedRecords | undefined {
  const { key: keyConverter, value: valueConverter } = converters;
  const first = messages[0];
  if (first === undefined || valueConverter.toFlatData === undefined) return undefined;
  const hasKeys = first.key !== null;
  if (hasKeys && keyConverter.toFlatData === undefined) return undefined;
  const values: Buffer[] = [];
  const keys: Buffer[] = [];
  let valueSchema: Schema | undefined;
  let keySchema = hasKeys ? undefined : keyConverter.toConnectData(topic, null).schema;
  for (const message of messages) {
    if (!isBare(message)) return undefined;
    const value = valueConverter.toFlatData(topic, message.value);
    if (value === undefined || (valueSchema !== undefined && value.schema !== valueSchema)) return undefined;
    valueSchema = value.schema;
    values.push(value.bytes);
    if (hasKeys) {
      const key = keyConverter.toFlatData?.(topic, message.key);
      if (key === undefined || (keySchema !== undefined && key.schema !== keySchema)) return undefined;
      keySchema = key.schema;
      keys.push(key.bytes);
    } else if (message.key !== null) return undefined;
  }
  const timestampBase = BigInt(first.timestamp);
  const offsetBase = BigInt(first.offset);
  const lastOffset = BigInt((messages[messages.length - 1] as IncomingMessage).offset);
  return {
    topic,
    kafkaPartition: partition,
    keySchema,
    keys,
    valueSchema,
    values,
    timestampBaseMs: timestampBase,
    // Compared as text first: a run's messages mostly share one timestamp, and a BigInt for every message's
    // timestamp and offset was 1% of the worker's time.
    timestampDeltasMs: messages.every(({ timestamp }) => timestamp === first.timestamp)
      ? []
      : timestampDeltas(
          timestampBase,
          messages.map(({ timestamp }) => BigInt(timestamp)),
        ),
    sourcePartition: undefined,
    lastSourceOffset: undefined,
    unsampled: false,
    kafkaBaseOffset: offsetBase,
    // A partition's offsets only grow, so the last as far from the first as the run is long means no gaps.
    kafkaOffsetDeltas:
      lastOffset - offsetBase === BigInt(messages.length - 1)
        ? []
        : messages.map(({ offset }) => BigInt(offset) - offsetBase),
  };
}

/** Whether a consumed message carries no header at all: only such a message can travel packed. */
export function isBare(message: IncomingMessage): boolean {
  if (message.headers === undefined) return true;
  for (const _ in message.headers) return false;
  return true;
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

/**
 * Each header value through the header converter, as Connect's WorkerSinkTask converts them, except the
 * W3C trace headers: those become the record's `trace` (the consume hop continues them), and parsing them
 * as data for every record cost more than the rest of tracing. A repeated key gives a header for each of
 * its values, in order.
 */
function headersFrom(
  topic: string,
  headers: MessageHeaders | undefined,
  converters: TaskConverters,
): Header[] {
  const converted: Header[] = [];
  if (headers === undefined) return converted;
  for (const headerKey of Object.keys(headers)) {
    if (TRACE_HEADER_KEYS.has(headerKey)) continue;
    for (const headerValue of headerValuesOf(headers[headerKey])) {
      const bytes = headerBytesOf(headerValue);
      const { schema, value } = convertIn("HEADER_CONVERTER", converters.header, () =>
        converters.header.toConnectHeader(topic, headerKey, bytes),
      );
      converted.push({ key: headerKey, value, schema });
    }
  }
  return converted;
}
