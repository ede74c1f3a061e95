import { LogicalTimestamp, packRecords, unpackRecords } from "@connect-mesh/data";
import type { IncomingMessage, MessageHeaders, OutgoingMessage } from "@connect-mesh/kafka";
import {
  type Header,
  type KafkaPosition,
  Record as MeshRecord,
  NullValue,
  Schema,
  SchemaType,
  SourceBatch,
} from "@connect-mesh/proto";
import { describe, expect, it } from "vitest";
import { fromKafkaMessage, packedKafkaMessages, packedSinkRun, toKafkaMessage } from "./record-codec.js";
import { type TaskConverters, taskConvertersFrom } from "./task-converters.js";

const STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
const BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";

const T = SchemaType;
const line = MeshRecord.fromPartial({
  topic: "file-topic",
  value: { kind: { $case: "stringValue", value: "hello" } },
  valueSchema: { type: T.SCHEMA_TYPE_STRING },
  headers: [{ key: "origin", value: { kind: { $case: "stringValue", value: "test" } } }],
  timestampMs: 1_795_614_719_058n,
});
const consumed = (overrides: { value?: Buffer; headers?: MessageHeaders }): IncomingMessage => ({
  key: null,
  value: null,
  headers: {},
  timestamp: "1795614719058",
  offset: "42",
  ...overrides,
});
const headersOf = (headers: MessageHeaders): Header[] =>
  fromKafkaMessage("file-topic", 0, consumed({ headers }), taskConvertersFrom({})).headers;
const schemaOf = (type: SchemaType, optional = false): Schema => Schema.fromPartial({ type, optional });

describe("toKafkaMessage", () => {
  it("writes the value in Connect's JSON envelope by default, as the quickstart's worker does", () => {
    const message = toKafkaMessage(line, taskConvertersFrom({}));
    expect(message.value?.toString()).toBe('{"schema":{"type":"string","optional":false},"payload":"hello"}');
    expect(message.key).toBeNull();
    expect(message.headers).toEqual({ origin: Buffer.from("test") });
    expect(message.timestamp).toBe("1795614719058");
  });

  it("uses the converters the task config names", () => {
    const converters = taskConvertersFrom({
      "value.converter": "org.apache.kafka.connect.storage.StringConverter",
    });
    expect(toKafkaMessage(line, converters).value?.toString()).toBe("hello");
  });

  it("gives each converter its own prefixed settings", () => {
    const converters = taskConvertersFrom({
      "key.converter": "StringConverter",
      "key.converter.converter.encoding": "UTF-16BE",
      "value.converter.schemas.enable": "false",
    });
    const message = toKafkaMessage(
      {
        ...line,
        key: { kind: { $case: "stringValue", value: "k" } },
        keySchema: schemaOf(T.SCHEMA_TYPE_STRING),
      },
      converters,
    );
    expect(message.key).toEqual(Buffer.from([0x00, 0x6b]));
    expect(message.value?.toString()).toBe('"hello"');
  });

  it("writes headers through SimpleHeaderConverter by default, as Connect's worker does", () => {
    const record = MeshRecord.fromPartial({
      ...line,
      headers: [
        {
          key: "count",
          value: { kind: { $case: "intValue", value: 42n } },
          schema: { type: T.SCHEMA_TYPE_INT32 },
        },
        {
          key: "at",
          value: { kind: { $case: "intValue", value: 1_566_570_894_346n } },
          schema: LogicalTimestamp.schema(),
        },
        {
          key: "tags",
          value: {
            kind: {
              $case: "arrayValue",
              value: { elements: [{ kind: { $case: "stringValue", value: "a" } }] },
            },
          },
        },
        { key: "count", value: { kind: { $case: "intValue", value: 7n } } },
      ],
    });
    expect(toKafkaMessage(record, taskConvertersFrom({})).headers).toEqual({
      count: [Buffer.from("42"), Buffer.from("7")],
      at: Buffer.from("2019-08-23T14:34:54.346Z"),
      tags: Buffer.from('["a"]'),
    });
  });

  it("leaves out a header whose value is null, which the Kafka client cannot send", () => {
    const record = MeshRecord.fromPartial({
      ...line,
      headers: [{ key: "gone", value: { kind: { $case: "nullValue", value: NullValue.NULL_VALUE } } }],
    });
    expect(toKafkaMessage(record, taskConvertersFrom({})).headers).toEqual({});
  });

  it("writes headers through the header.converter the task config names, with its settings", () => {
    const converters = taskConvertersFrom({
      "header.converter": "org.apache.kafka.connect.json.JsonConverter",
      "header.converter.schemas.enable": "false",
    });
    expect(toKafkaMessage(line, converters).headers).toEqual({ origin: Buffer.from('"test"') });
  });
});

describe("fromKafkaMessage", () => {
  it("reads back what toKafkaMessage wrote, with where it came from", () => {
    const converters = taskConvertersFrom({});
    const written = toKafkaMessage(line, converters);
    const record = fromKafkaMessage(
      "file-topic",
      3,
      consumed({ value: written.value as Buffer, headers: written.headers }),
      converters,
    );
    expect(record.value).toEqual(line.value);
    expect(record.valueSchema?.type).toBe(T.SCHEMA_TYPE_STRING);
    expect(record.kafkaPosition).toEqual<KafkaPosition>({ topic: "file-topic", partition: 3, offset: 42n });
    expect(record.headers).toEqual([
      {
        key: "origin",
        value: { kind: { $case: "stringValue", value: "test" } },
        schema: schemaOf(T.SCHEMA_TYPE_STRING),
      },
    ]);
  });

  it("infers each header's type and schema with SimpleHeaderConverter, repeated keys included", () => {
    expect(
      headersOf({ n: [Buffer.from("42"), Buffer.from("true")], day: Buffer.from("2019-08-23") }),
    ).toEqual([
      { key: "n", value: { kind: { $case: "intValue", value: 42n } }, schema: schemaOf(T.SCHEMA_TYPE_INT8) },
      {
        key: "n",
        value: { kind: { $case: "boolValue", value: true } },
        schema: schemaOf(T.SCHEMA_TYPE_BOOLEAN),
      },
      {
        key: "day",
        value: { kind: { $case: "intValue", value: 18_131n } },
        schema: Schema.fromPartial({
          type: T.SCHEMA_TYPE_INT32,
          name: "org.apache.kafka.connect.data.Date",
          version: 1,
        }),
      },
    ]);
  });

  it("keeps the W3C trace headers out of the record's headers: they are its trace, not its data", () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(
      headersOf({
        traceparent: Buffer.from(traceparent),
        tracestate: Buffer.from("a=1"),
        n: Buffer.from("7"),
      }),
    ).toEqual([
      { key: "n", value: { kind: { $case: "intValue", value: 7n } }, schema: schemaOf(T.SCHEMA_TYPE_INT8) },
    ]);
  });

  it("reads a header without a value as one with no value and no schema", () => {
    // The Kafka client gives null for a header without a value, which its typings leave out.
    expect(headersOf({ gone: null as unknown as undefined })).toEqual([
      { key: "gone", value: undefined, schema: undefined },
    ]);
  });

  it("reads headers through the header.converter the task config names", () => {
    const converters = taskConvertersFrom({ "header.converter": "StringConverter" });
    const record = fromKafkaMessage("t", 0, consumed({ headers: { n: Buffer.from("42") } }), converters);
    expect(record.headers).toEqual([
      {
        key: "n",
        value: { kind: { $case: "stringValue", value: "42" } },
        schema: schemaOf(T.SCHEMA_TYPE_STRING, true),
      },
    ]);
  });
});

describe("taskConvertersFrom", () => {
  it("refuses a header.converter it does not know, naming the known ones", () => {
    expect(() => taskConvertersFrom({ "header.converter": "io.example.AvroHeaderConverter" })).toThrow(
      /"io.example.AvroHeaderConverter" is not a known header converter class; use one of: org.apache.kafka.connect.storage.SimpleHeaderConverter/,
    );
  });

  it("refuses invalid settings for the header converter", () => {
    expect(() =>
      taskConvertersFrom({
        "header.converter": "JsonConverter",
        "header.converter.schemas.cache.size": "lots",
      }),
    ).toThrow(/schemas.cache.size="lots" is not a whole number/);
  });
});

describe("packedKafkaMessages", () => {
  const texts = [
    "hello",
    "",
    'a "quoted" word',
    "back\\slash",
    "tab\tand\nnew line",
    "nul \u0000 and del \u007f",
    "é ✓ 日本語 😀",
    "\uFEFFstarts with a byte order mark",
    "a lone \uD800 surrogate",
    "line\u2028separator",
    "x".repeat(1024),
  ];
  const stringSchema = Schema.fromPartial({ type: T.SCHEMA_TYPE_STRING, optional: true });
  const bytesSchema = Schema.fromPartial({ type: T.SCHEMA_TYPE_BYTES });
  const records = (valueFor: (text: string) => Pick<MeshRecord, "value" | "valueSchema">) =>
    texts.map((text, index) =>
      MeshRecord.fromPartial({
        topic: "lines",
        key: { kind: { $case: "stringValue", value: `key ${text}` } },
        keySchema: stringSchema,
        ...valueFor(text),
        timestampMs: 1_795_614_719_058n + BigInt(index),
        sourcePartition: { kind: { $case: "stringValue", value: "a.txt" } },
        sourceOffset: { kind: { $case: "intValue", value: BigInt(index) } },
      }),
    );
  const asText = (text: string) => ({
    value: { kind: { $case: "stringValue" as const, value: text } },
    valueSchema: stringSchema,
  });
  const asBytes = (text: string) => ({
    value: { kind: { $case: "bytesValue" as const, value: Buffer.from(text, "utf8") } },
    valueSchema: bytesSchema,
  });

  /** Each record sent over the wire on its own, then converted as the per-record path converts it. */
  function perRecordPath(sent: MeshRecord[], converters: TaskConverters) {
    const batch = SourceBatch.decode(
      SourceBatch.encode({ sequence: 1n, records: sent, packed: [] }).finish(),
    );
    return batch.records.map((record) => essentials(toKafkaMessage(record, converters)));
  }

  function packedPath(sent: MeshRecord[], converters: TaskConverters) {
    const packed = packRecords(sent) ?? expect.unreachable("the records should pack");
    const batch = SourceBatch.decode(SourceBatch.encode({ sequence: 1n, records: [], packed }).finish());
    return batch.packed.flatMap((run) => packedKafkaMessages(run, converters).map(essentials));
  }

  const essentials = ({ key, value, partition, timestamp }: OutgoingMessage) => ({
    key: key?.toString("hex"),
    value: value?.toString("hex"),
    partition,
    timestamp,
  });

  it.each([
    ["JsonConverter with schemas", { "value.converter.schemas.enable": "true" }, asText],
    ["JsonConverter without schemas", { "value.converter.schemas.enable": "false" }, asText],
    ["JsonConverter with bytes", {}, asBytes],
    ["StringConverter", { "value.converter": STRING_CONVERTER }, asText],
    [
      "StringConverter in ISO-8859-1",
      { "value.converter": STRING_CONVERTER, "value.converter.converter.encoding": "ISO-8859-1" },
      asText,
    ],
    ["ByteArrayConverter", { "value.converter": BYTE_ARRAY_CONVERTER }, asBytes],
  ])("writes the bytes the per-record path writes, through %s", (_, config, valueFor) => {
    const converters = taskConvertersFrom({ "key.converter": STRING_CONVERTER, ...config });
    const sent = records(valueFor);
    const expected = perRecordPath(sent, converters);
    expect(expected).toHaveLength(texts.length);
    expect(packedPath(sent, converters)).toEqual(expected);
  });

  it("throws what the converter throws, for the caller to go record by record", () => {
    const converters = taskConvertersFrom({ "value.converter": BYTE_ARRAY_CONVERTER });
    const [run] = packRecords(records(asText)) ?? expect.unreachable("the records should pack");
    expect(() => packedKafkaMessages(run ?? expect.unreachable(), converters)).toThrow(/ByteArrayConverter/);
  });
});

/** What a consumer reads back of what a producer was given. */
function bytesOf(data: OutgoingMessage["value"] | undefined): Buffer | null {
  if (data === null || data === undefined) return null;
  return typeof data === "string" ? Buffer.from(data) : data;
}

describe("packedSinkRun", () => {
  const lines = ["hello", "", "é ✓ 日本語 😀", "\uFEFFmark", "x".repeat(1024)];
  const stringSchema = Schema.fromPartial({ type: T.SCHEMA_TYPE_STRING });
  /** The messages a source with `converters` wrote for `texts`, at offsets from 40 with a gap after the second. */
  const written = (texts: readonly string[], converters: TaskConverters, key?: string): IncomingMessage[] =>
    texts.map((text, index) => {
      const message = toKafkaMessage(
        MeshRecord.fromPartial({
          topic: "lines",
          key: key === undefined ? undefined : { kind: { $case: "stringValue", value: `${key}${index}` } },
          keySchema: key === undefined ? undefined : stringSchema,
          value: { kind: { $case: "stringValue", value: text } },
          valueSchema: stringSchema,
        }),
        converters,
      );
      return {
        key: bytesOf(message.key),
        value: bytesOf(message.value),
        headers: {},
        timestamp: String(1_795_614_719_000 + (index % 2)),
        offset: String(40 + index + (index >= 2 ? 3 : 0)),
      };
    });
  const readEach = (messages: readonly IncomingMessage[], converters: TaskConverters, partition = 3) =>
    messages.map((message) => ({
      ...fromKafkaMessage("lines", partition, message, converters),
      trace: undefined,
    }));

  it.each([
    ["JsonConverter, once it has read the schema", {}],
    ["StringConverter", { "key.converter": STRING_CONVERTER, "value.converter": STRING_CONVERTER }],
  ])("unpacks to exactly the records read one by one, through %s", (_, config) => {
    const converters = taskConvertersFrom(config);
    for (const key of [undefined, "k"]) {
      const messages = written(lines, converters, key);
      const expected = readEach(messages, converters);
      const run =
        packedSinkRun("lines", 3, messages, converters) ?? expect.unreachable("the lines should pack");
      expect(run.kafkaOffsetDeltas).toEqual([0n, 1n, 5n, 6n, 7n]);
      expect(unpackRecords(run)).toEqual(expected);
    }
  });

  it("reads ByteArrayConverter's bytes as they are", () => {
    const converters = taskConvertersFrom({ "value.converter": BYTE_ARRAY_CONVERTER });
    const messages = lines.map((text, index) => ({
      ...consumed({ value: Buffer.from(text) }),
      offset: String(index),
    }));
    const run =
      packedSinkRun("lines", 0, messages, converters) ?? expect.unreachable("the values should pack");
    expect(run.kafkaOffsetDeltas).toEqual([]);
    expect(unpackRecords(run)).toEqual(readEach(messages, converters, 0));
  });

  it("leaves messages with headers, escaped text, a tombstone or an unread JSON schema to go one by one", () => {
    const json = taskConvertersFrom({});
    const messages = written(["plain", "also plain"], json);
    expect(packedSinkRun("lines", 0, messages, json)).toBeUndefined();
    readEach(messages.slice(0, 1), json);
    expect(packedSinkRun("lines", 0, messages, json)).toBeDefined();
    expect(packedSinkRun("lines", 0, written(['a "quote"'], json), json)).toBeUndefined();
    expect(
      packedSinkRun(
        "lines",
        0,
        [{ ...messages[0], headers: { h: Buffer.from("v") } } as IncomingMessage],
        json,
      ),
    ).toBeUndefined();
    expect(
      packedSinkRun("lines", 0, [{ ...messages[0], value: null } as IncomingMessage], json),
    ).toBeUndefined();
  });
});
