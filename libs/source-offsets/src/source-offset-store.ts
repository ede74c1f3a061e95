import type { Converter } from "@connect-mesh/converters";
import { type Admin, createTopic, type KafkaClient, type Producer } from "@connect-mesh/kafka";
import type { SourceOffset, Value } from "@connect-mesh/proto";
import { PartitionKeyText } from "./partition-key-text.js";

/** Connect's default for offset.storage.partitions. */
const OFFSETS_TOPIC_PARTITIONS = 25;
/** Connect's default for offset.storage.replication.factor, capped to the brokers there are. */
const OFFSETS_TOPIC_REPLICATION_FACTOR = 3;

/**
 * Source offsets in a compacted Kafka topic, in Kafka Connect's format so tools that read Connect's offsets
 * topic read ours: the key is the JSON array `["<connector>", <source partition>]` and the value the JSON
 * source offset. Offsets are written only after the records they cover are acknowledged by Kafka, so a
 * crash repeats records (at-least-once) but never skips them.
 */
export class SourceOffsetStore {
  private readonly keyText: PartitionKeyText;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly topic: string,
    /** Schemaless JSON, Connect's offset serialization. */
    private readonly json: Converter,
  ) {
    this.keyText = new PartitionKeyText(json, topic);
  }

  /** Creates the compacted offsets topic unless it exists. */
  async ensureTopic(admin: Admin): Promise<void> {
    const existing = await admin.listTopics();
    if (existing.includes(this.topic)) return;
    await createTopic(admin, {
      topic: this.topic,
      numPartitions: OFFSETS_TOPIC_PARTITIONS,
      replicationFactor: OFFSETS_TOPIC_REPLICATION_FACTOR,
      configEntries: [{ name: "cleanup.policy", value: "compact" }],
    });
  }

  /** Reads every stored offset of `connector`: the topic from its start to its current end, last write wins. */
  async read(connector: string, admin: Admin): Promise<SourceOffset[]> {
    const ends = await admin.fetchTopicOffsets(this.topic);
    const remaining = new Map(
      ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
    );
    const latest = new Map<string, SourceOffset>();
    if (remaining.size === 0) return [];
    const consumer = this.kafka.readerConsumer("connect-mesh-offset-reader");
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              this.collect(connector, message.key, message.value, latest);
              const end = remaining.get(partition);
              if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return [...latest.values()];
  }

  /** Stores the offsets of one batch; resolves once Kafka has acknowledged them. */
  async write(connector: string, offsets: readonly SourceOffset[], producer: Producer): Promise<void> {
    if (offsets.length === 0) return;
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: offsets.map((o) => ({
        key: this.keyOf(connector, o.partition),
        value: this.json.fromConnectData(this.topic, undefined, o.offset),
      })),
    });
  }

  /** Every stored offset of `connector` as plain JSON, for the offsets REST API (Connect's shape). */
  async readJson(connector: string, admin: Admin): Promise<{ partition: unknown; offset: unknown }[]> {
    return (await this.read(connector, admin)).map(({ partition, offset }) => ({
      partition: this.toJson(partition),
      offset: this.toJson(offset),
    }));
  }

  /**
   * Writes offsets given as plain JSON, as Connect's PATCH and DELETE /offsets do: an `offset` of null removes
   * the partition's offset (a tombstone), so its task starts that partition from the beginning.
   */
  async writeJson(
    connector: string,
    entries: readonly { partition: unknown; offset: unknown }[],
    producer: Producer,
  ): Promise<void> {
    if (entries.length === 0) return;
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: entries.map((entry) => ({
        key: this.keyOf(connector, this.fromJson(entry.partition)),
        value:
          entry.offset === null
            ? null
            : this.json.fromConnectData(this.topic, undefined, this.fromJson(entry.offset)),
      })),
    });
  }

  private toJson(value: Value | undefined): unknown {
    const bytes = this.json.fromConnectData(this.topic, undefined, value);
    return bytes === null ? null : JSON.parse(bytes.toString());
  }

  private fromJson(json: unknown): Value | undefined {
    return this.json.toConnectData(this.topic, Buffer.from(JSON.stringify(json))).value;
  }

  /** The stable text of a partition, the offsets topic's key, to keep the last offset per partition. */
  keyOf(connector: string, partition: Value | undefined): string {
    return this.keyText.of(connector, partition);
  }

  private collect(
    connector: string,
    key: Buffer | null,
    value: Buffer | null,
    latest: Map<string, SourceOffset>,
  ): void {
    if (!key) return;
    const parsed: unknown = JSON.parse(key.toString());
    if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== connector) return;
    const partition = this.json.toConnectData(this.topic, Buffer.from(JSON.stringify(parsed[1]))).value;
    if (value === null) latest.delete(key.toString());
    else latest.set(key.toString(), { partition, offset: this.json.toConnectData(this.topic, value).value });
  }
}
