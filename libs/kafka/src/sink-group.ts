/**
 * The consumer group of a sink connector's tasks, `connect-<connector>` as Kafka Connect names it: its
 * committed offsets are the connector's, which the offsets API shows and changes and tools read.
 */
export function sinkGroupIdOf(connector: string): string {
  return `connect-${connector}`;
}
