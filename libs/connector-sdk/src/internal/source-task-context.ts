import type { ReadOpen } from "@connect-mesh/proto";
import type { Logger } from "../logger.js";
import { fromValue, type PlainValue, toValue } from "../plain-value.js";
import type { SourcePosition, SourceTaskContext } from "../plugin.js";
import { valueKey } from "./value-key.js";

/** Builds what a source plugin's `read` is given from the stream's `open`. */
export function sourceTaskContext(open: ReadOpen, signal: AbortSignal, logger: Logger): SourceTaskContext {
  const offsets: SourcePosition[] = open.offsets.map((stored) => ({
    partition: fromValue(stored.partition),
    offset: fromValue(stored.offset),
  }));
  const byPartition = new Map<string, PlainValue>();
  open.offsets.forEach((stored, index) => {
    const position = offsets[index];
    if (position !== undefined) byPartition.set(valueKey(stored.partition), position.offset);
  });
  return {
    connectorName: open.connectorName,
    taskId: open.taskId,
    config: open.config,
    offsets,
    offsetFor: (partition) => byPartition.get(valueKey(toValue(partition))),
    signal,
    logger,
  };
}
