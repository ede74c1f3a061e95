import { type Converter, isSameValue } from "@connect-mesh/converters";
import { Value } from "@connect-mesh/proto";

/** The partition whose key was made last, as a copy of its own that nobody else can change. */
interface LastKey {
  readonly connector: string;
  readonly partition: Value | undefined;
  readonly text: string;
}

/**
 * The text of an offsets-topic key, `["<connector>",<source partition as JSON>]`, which is also how the last
 * offset per partition is told apart. A source task asks for it once per record, and its records mostly
 * share one partition, each in an object of its own (they were decoded one by one), so the key made last
 * is reused when the partition is the same, compared field by field, rather than written again.
 */
export class PartitionKeyText {
  private last: LastKey | undefined;
  private lastText: string | undefined;

  constructor(
    /** Schemaless JSON, Connect's offset serialization. */
    private readonly json: Converter,
    /** The offsets topic, which the converter is told it writes for. */
    private readonly topic: string,
  ) {}

  of(connector: string, partition: Value | undefined): string {
    const last = this.last;
    if (last !== undefined && last.connector === connector && isSameValue(partition, last.partition))
      return last.text;
    const partitionJson = this.json.fromConnectData(this.topic, undefined, partition)?.toString() ?? "null";
    const text = `[${JSON.stringify(connector)},${partitionJson}]`;
    // The copy is taken when a key comes a second time in a row, so records that alternate between
    // partitions pay no more than writing their keys.
    const isRepeated = text === this.lastText;
    this.lastText = text;
    this.last = isRepeated ? { connector, partition: copyOf(partition), text } : undefined;
    return text;
  }
}

function copyOf(partition: Value | undefined): Value | undefined {
  return partition === undefined ? undefined : Value.decode(Value.encode(partition).finish());
}
