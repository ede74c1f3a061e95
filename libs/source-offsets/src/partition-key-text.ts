import { type Converter, isSameValue, LastRepeated } from "@connect-mesh/converters";
import { Value } from "@connect-mesh/proto";

/** A key's text, and the connector it was made for. */
interface KeyText {
  readonly connector: string;
  readonly text: string;
}

/**
 * The text of an offsets-topic key, `["<connector>",<source partition as JSON>]`, which is also how the last
 * offset per partition is told apart. A source task asks for it once per record, and its records mostly
 * share one partition, each in an object of its own (they were decoded one by one), so the key made last
 * is reused when the partition is the same, compared field by field, rather than written again.
 */
export class PartitionKeyText {
  /** The key made last, by its partition, while partitions repeat. */
  private readonly last = new LastRepeated<Value | undefined, KeyText>(isSameValue, (partition) =>
    partition === undefined ? undefined : Value.decode(Value.encode(partition).finish()),
  );

  constructor(
    /** Schemaless JSON, Connect's offset serialization. */
    private readonly json: Converter,
    /** The offsets topic, which the converter is told it writes for. */
    private readonly topic: string,
  ) {}

  of(connector: string, partition: Value | undefined): string {
    const repeated = this.last.find(partition);
    if (repeated !== undefined && repeated.connector === connector) return repeated.text;
    const partitionJson = this.json.fromConnectData(this.topic, undefined, partition)?.toString() ?? "null";
    const text = `[${JSON.stringify(connector)},${partitionJson}]`;
    // The text names the connector and the partition, so it tells when both repeat.
    this.last.remember(partition, text, { connector, text });
    return text;
  }
}
