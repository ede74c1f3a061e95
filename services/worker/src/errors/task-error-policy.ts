import { errorHandlingConfigFrom } from "@connect-mesh/error-handling";
import type { TaskMetrics, TaskTracer } from "@connect-mesh/telemetry";
import type { TaskContext } from "../task-context.js";
import { DeadLetterQueue } from "./dead-letter-queue.js";
import { ErrorPolicy } from "./error-policy.js";

/** A task's error policy and what to close when the task's stream ends. */
export interface TaskErrorPolicy {
  readonly policy: ErrorPolicy;
  close(): Promise<void>;
}

/**
 * The error policy a task's `errors.*` config asks for. A dead-letter queue is opened only when records
 * can be skipped (`errors.tolerance=all`) and a topic is named; with `none` nothing is ever parked.
 */
export async function openTaskErrorPolicy(
  context: TaskContext,
  metrics: TaskMetrics,
  tracer: TaskTracer,
): Promise<TaskErrorPolicy> {
  const config = errorHandlingConfigFrom(context.config);
  const deadLetters =
    config.tolerance === "all" && config.deadLetterTopic !== undefined
      ? await DeadLetterQueue.open({
          kafka: context.kafka,
          admin: context.admin,
          topic: config.deadLetterTopic,
          replicationFactor: config.deadLetterReplicationFactor,
          metrics,
          logger: context.logger,
        })
      : undefined;
  const policy = new ErrorPolicy({
    config,
    connector: context.connector,
    task: context.task,
    logger: context.logger,
    metrics,
    tracer,
    deadLetters,
  });
  return { policy, close: async () => deadLetters?.close() };
}
