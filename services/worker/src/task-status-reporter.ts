import type { RunState, StatusStore } from "@connect-mesh/cluster-state";
import type { Lease } from "@connect-mesh/coordination";
import type { Logger } from "pino";

/** Writes one task's status to the cluster state, under the worker's lease. */
export class TaskStatusReporter {
  private last: string | undefined;

  constructor(
    private readonly statuses: StatusStore,
    private readonly lease: Lease,
    private readonly task: { connector: string; task: number; workerId: string },
    private readonly logger: Logger,
  ) {}

  /** Records a state (and for FAILED, what went wrong); repeated identical reports are written once. */
  async report(state: RunState, trace?: string): Promise<void> {
    const key = `${state}\u0000${trace ?? ""}`;
    if (key === this.last) return;
    try {
      await this.statuses.writeTaskStatus(
        this.task.connector,
        this.task.task,
        { state, workerId: this.task.workerId, trace, updatedAt: new Date().toISOString() },
        this.lease,
      );
      this.last = key;
    } catch (error) {
      // Status is for people; failing to write it must not stop the data. It is written again next change.
      this.logger.warn({ err: error, state }, "could not record the task's status");
    }
  }

  /** Removes the status when the task is unassigned from this worker. */
  async clear(): Promise<void> {
    await this.statuses.deleteTaskStatus(this.task.connector, this.task.task).catch(() => undefined);
  }
}

/** The text shown as a status's `trace`: the error's stack, with its causes. */
export function traceOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  while (current !== undefined && lines.length < 5) {
    lines.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push("Caused by:");
  }
  return lines.join("\n");
}
