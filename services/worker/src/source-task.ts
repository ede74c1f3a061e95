import {
  ErrorKind,
  type ReadResponse,
  type SourceBatch,
  type SourceOffset,
  SourceServiceClient,
} from "@connect-mesh/proto";
import { Partitioners, type Producer } from "kafkajs";
import { connectClient } from "./connect-client.js";
import { toKafkaMessage } from "./record-codec.js";
import { FatalTaskError, type TaskContext } from "./task-context.js";
import { taskConvertersFrom } from "./task-converters.js";

/**
 * Batches the connector may have in flight. Two keep the pipeline full: the service reads batch N+1
 * while the worker writes batch N to Kafka.
 */
const CREDITS = 2;

/**
 * Runs one source task through one Read stream: converts each batch, produces it to Kafka (idempotent,
 * acks=all), stores its offsets only once Kafka has the records and only while this worker still holds the
 * task, then acks the batch to the connector and grants one more. Returns when `stopping` aborts (after finishing the batch in hand) or throws on failure;
 * the caller decides about retrying.
 */
export async function runSourceStream(
  context: TaskContext,
  producer: Producer,
  stopping: AbortSignal,
): Promise<void> {
  const { connector, task, config, logger } = context;
  const { className, address } = await context.locator.locate(config["connector.class"] ?? "");
  const converters = taskConvertersFrom(config);
  const startOffsets = await context.offsets.read(connector, context.admin);
  const client = await connectClient(SourceServiceClient, address);
  const call = client.read();
  // The stream's failure reaches us through the loop below; this listener only keeps an error that comes
  // before the loop starts from being an unhandled 'error' event, which would crash the whole worker.
  call.on("error", (error: Error) => logger.debug({ err: error }, "the Read stream failed"));
  const endStream = () => call.end();
  stopping.addEventListener("abort", endStream, { once: true });
  // A stop that came while the task was still starting would otherwise never end the stream.
  if (stopping.aborted) endStream();
  try {
    call.write({
      message: {
        $case: "open",
        value: { plugin: className, connectorName: connector, taskId: task, config, offsets: startOffsets },
      },
    });
    call.write({ message: { $case: "credit", value: { batches: CREDITS } } });
    logger.info({ address, resumedPartitions: startOffsets.length }, "source task reading");
    await context.status.report("RUNNING");
    for await (const response of call as AsyncIterable<ReadResponse>) {
      const message = response.message;
      if (message?.$case === "error") {
        const error = new Error(`the connector reported: ${message.value.message}`);
        if (message.value.kind === ErrorKind.ERROR_KIND_RETRIABLE) throw error;
        throw new FatalTaskError(error.message, { cause: message.value.stackTrace || undefined });
      }
      if (message?.$case !== "batch") continue;
      await writeBatch(context, producer, message.value, converters);
      if (stopping.aborted) break;
      call.write({ message: { $case: "ack", value: { throughSequence: message.value.sequence } } });
      call.write({ message: { $case: "credit", value: { batches: 1 } } });
    }
  } finally {
    stopping.removeEventListener("abort", endStream);
    call.cancel();
    client.close();
  }
}

async function writeBatch(
  context: TaskContext,
  producer: Producer,
  batch: SourceBatch,
  converters: ReturnType<typeof taskConvertersFrom>,
): Promise<void> {
  const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
  const latestOffsets = new Map<string, SourceOffset>();
  for (const record of batch.records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push(toKafkaMessage(record, converters));
    byTopic.set(record.topic, messages);
    if (record.sourcePartition !== undefined) {
      const key = context.offsets.keyOf(context.connector, record.sourcePartition).toString();
      latestOffsets.set(key, { partition: record.sourcePartition, offset: record.sourceOffset });
    }
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
  });
  for (const topic of byTopic.keys()) await context.activeTopics.record(context.connector, topic);
  await context.confirmStillAssigned();
  await context.offsets.write(context.connector, [...latestOffsets.values()], producer);
}

/** The producer a source task writes with: idempotent and acks=all, so retries never duplicate or reorder. */
export function createSourceProducer(context: TaskContext): Producer {
  return context.kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
