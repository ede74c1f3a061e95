import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { ReplayHeaders, replayTopicOf } from "@connect-mesh/error-handling";
import { type KafkaClient, type OutgoingMessage, sinkGroupIdOf } from "@connect-mesh/kafka";
import { CommandError } from "./command-error.js";
import { parkedSince, readDeadLetters } from "./dead-letter-reader.js";
import type { DeadLetterSelection } from "./dead-letter-selection.js";
import type { DeadLetterTarget } from "./dead-letter-target.js";
import { partitionBounds } from "./kafka-record-reader.js";
import type { Output } from "./output.js";
import { replayMessageOf } from "./replay-message.js";

/** Copies sent to the replay topic in one request. */
const SEND_CHUNK = 500;

/** What a replay did. */
export interface ReplayReport {
  readonly replayId: string;
  readonly sent: number;
  /** Handled by the connector and not parked again: written, or dropped by a filtering transform. */
  readonly succeeded: number;
  /** Parked again: the dead-letter records carrying this replay's id. */
  readonly parkedAgain: number;
}

/**
 * `cmesh dlq replay <name>`: sends the selected dead-letter records back through the sink connector (see
 * `replayMessageOf` and the worker's replay topic), waits up to `timeoutMs` until the connector's consumer
 * group has committed past all of them, then counts the ones parked again by their replay id. The worker
 * writes a record's dead-letter copy before it commits the offsets that cover it, so once the commit is
 * seen the count is final. Exit code 0 when every record succeeded, 1 when some were parked again.
 */
export async function replayDeadLetters(
  kafka: KafkaClient,
  target: DeadLetterTarget,
  options: { readonly selection: DeadLetterSelection; readonly timeoutMs: number },
  output: Output,
): Promise<number> {
  if (target.type !== "sink") {
    throw new CommandError(
      `connector "${target.connector}" is a ${target.type} connector; dlq replay sends records back through a sink ` +
        "connector only. A source's dead-letter records are what the connector read, before its transforms " +
        `(JSON envelopes): look at them with \`cmesh dlq list ${target.connector}\`, fix the cause, and have the ` +
        "source read them again (from the source system, or by resetting its offsets with `cmesh offsets reset`)",
    );
  }
  const report = await replay(kafka, target, options, output);
  if (report.sent === 0) {
    output.result(`no records in ${target.topic} match; nothing replayed`);
    return 0;
  }
  output.result(
    `replayed ${report.sent} record${report.sent === 1 ? "" : "s"} from ${target.topic} through ${target.connector} ` +
      `(replay id ${report.replayId}): ${report.succeeded} succeeded, ${report.parkedAgain} went back to the dead-letter queue`,
  );
  if (report.parkedAgain > 0)
    output.result(`  see them with: cmesh dlq list ${target.connector} --filter ${report.replayId}`);
  return report.parkedAgain === 0 ? 0 : 1;
}

async function replay(
  kafka: KafkaClient,
  target: DeadLetterTarget,
  { selection, timeoutMs }: { readonly selection: DeadLetterSelection; readonly timeoutMs: number },
  output: Output,
): Promise<ReplayReport> {
  const replayTopic = replayTopicOf(target.topic);
  await requireTopic(kafka, replayTopic, target.connector);
  const replayId = randomUUID();
  const producer = kafka.producer("dead-letter");
  await producer.connect();
  let sent = 0;
  let chunk: OutgoingMessage[] = [];
  const send = async () => {
    if (chunk.length === 0) return;
    await producer.send({ topic: replayTopic, acks: -1, messages: chunk });
    sent += chunk.length;
    chunk = [];
  };
  let parkedBefore: ReadonlyMap<number, bigint>;
  try {
    parkedBefore = await readDeadLetters(kafka, target.topic, selection, async (record) => {
      chunk.push(replayMessageOf(record, replayId));
      if (chunk.length >= SEND_CHUNK) await send();
    });
    await send();
  } finally {
    await producer.disconnect();
  }
  if (sent === 0) return { replayId, sent, succeeded: 0, parkedAgain: 0 };
  output.progress(`sent ${sent} records to ${replayTopic}; waiting for ${target.connector} to handle them`);
  await awaitHandled(kafka, target.connector, replayTopic, timeoutMs);
  const parkedAgain = await parkedSince(
    kafka,
    target.topic,
    parkedBefore,
    (record) => record.headers.get(ReplayHeaders.id) === replayId,
  );
  return { replayId, sent, succeeded: sent - parkedAgain.length, parkedAgain: parkedAgain.length };
}

async function requireTopic(kafka: KafkaClient, topic: string, connector: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      throw new CommandError(
        `the replay topic "${topic}" does not exist: the sink tasks of "${connector}" create it when they start. ` +
          `Is the connector running (cmesh status ${connector})? A task started before replay existed needs a restart ` +
          `(cmesh restart ${connector} --include-tasks)`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the connector's consumer group (`connect-<name>`) has committed every partition of the
 * replay topic up to its end as it is now: the connector has then handled each record sent.
 */
async function awaitHandled(kafka: KafkaClient, connector: string, replayTopic: string, timeoutMs: number) {
  const ends = await partitionBounds(kafka, replayTopic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const remaining = async () => {
      const [committed] = await admin.fetchOffsets({
        groupId: sinkGroupIdOf(connector),
        topics: [replayTopic],
      });
      let left = 0;
      for (const [partition, { high }] of ends) {
        const at = BigInt(committed?.partitions.find((p) => p.partition === partition)?.offset ?? "-1");
        // -1: nothing committed yet, so the whole partition is left.
        const done = at < 0n ? 0n : at;
        if (done < high) left += Number(high - done);
      }
      return left;
    };
    await waitFor(remaining, (left) => left === 0, {
      timeoutMs,
      intervalMs: 500,
      description: "the replayed records to be handled",
    }).catch(async () => {
      throw new CommandError(
        `${connector} has not handled the replayed records within ${timeoutMs / 1000} s (${await remaining()} left in ` +
          `${replayTopic}). They stay there and are handled once its tasks run: see cmesh status ${connector}`,
      );
    });
  } finally {
    await admin.disconnect();
  }
}
