import { MeshError } from "@connect-mesh/errors";
import { z } from "zod";

/** A connector's desired state, as Kafka Connect's target states. */
export const TargetState = z.enum(["RUNNING", "PAUSED", "STOPPED"]);
export type TargetState = z.infer<typeof TargetState>;

/** A connector config: Kafka Connect's flat map of string keys to string values. */
export const ConnectorConfig = z.record(z.string(), z.string());
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;

/** The task configs the leader planned for a connector, and which config revision they were planned from. */
export const TaskConfigs = z.object({
  /** The modRevision of the connector config that `Plan` was given; a newer config means plan again. */
  configRevision: z.number().int().nonnegative(),
  /** The connector restart count they were planned at; a restart asks for a new plan. */
  connectorRestart: z.number().int().nonnegative().default(0),
  tasks: z.array(ConnectorConfig),
});
export type TaskConfigs = z.input<typeof TaskConfigs>;

/**
 * How often a connector and each of its tasks were asked to restart (POST .../restart). Runners compare the
 * counts: a count higher than the one they started at means start again.
 */
export const RestartCounts = z.object({
  connector: z.number().int().nonnegative().default(0),
  tasks: z.record(z.string(), z.number().int().nonnegative()).default({}),
});
export type RestartCounts = z.output<typeof RestartCounts>;

/** A task of a connector. */
export const TaskId = z.object({ connector: z.string(), task: z.number().int().nonnegative() });
export type TaskId = z.infer<typeof TaskId>;

/**
 * A task as assigned to one worker, with the assignment generation at which that worker was given it. The
 * generation changes only when the task moves, so it tells one worker's run of a task from any later run
 * elsewhere: a worker may commit offsets for the task only while its assignment still holds this generation.
 */
export const AssignedTask = TaskId.extend({ generation: z.number().int().nonnegative().default(0) });
export type AssignedTask = z.output<typeof AssignedTask>;

/** The tasks one worker runs. */
export const Assignment = z.object({ tasks: z.array(AssignedTask) });
export type Assignment = z.output<typeof Assignment>;

/**
 * The assignment generation: counts assignment changes, and says whether a rebalance is under way (tasks
 * held back until the workers that ran them have stopped them). Older stores kept a bare timestamp here,
 * read as generation 0.
 */
export const AssignmentGeneration = z.union([
  z.object({
    generation: z.number().int().nonnegative(),
    /** Tasks waiting for their previous worker to stop them before they go to the next. */
    pendingTasks: z.number().int().nonnegative().default(0),
    updatedAt: z.string(),
  }),
  z.string().transform((updatedAt) => ({ generation: 0, pendingTasks: 0, updatedAt })),
]);
export type AssignmentGeneration = z.output<typeof AssignmentGeneration>;

/** Kafka Connect's connector and task states. */
export const RunState = z.enum(["UNASSIGNED", "RUNNING", "PAUSED", "STOPPED", "FAILED", "RESTARTING"]);
export type RunState = z.infer<typeof RunState>;

/** A connector's or task's status, as `GET /connectors/{name}/status` shows it. */
export const Status = z.object({
  state: RunState,
  /** The worker (or, for a connector, the coordinator) that reported it. */
  workerId: z.string(),
  /** What went wrong, when the state is FAILED (or a task is retrying). */
  trace: z.string().optional(),
  updatedAt: z.string(),
});
export type Status = z.infer<typeof Status>;

/**
 * A logger level set for the whole cluster (Connect's `PUT /admin/loggers/{namespace}?scope=cluster`). The
 * level is Connect's name (DEBUG, WARN, ...); each process maps it onto its own logging library.
 */
export const ClusterLoggerLevel = z.object({ level: z.string(), updatedAt: z.string() });
export type ClusterLoggerLevel = z.infer<typeof ClusterLoggerLevel>;

/** Parses a stored JSON value with a schema, naming the key when it does not fit. */
export function parseStored<T>(schema: z.ZodType<T>, key: string, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CorruptStateError(key, "is not JSON", error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptStateError(key, z.prettifyError(parsed.error), parsed.error);
  return parsed.data;
}

/** A stored value that does not have the shape this version expects. Not retriable: a person must look. */
export class CorruptStateError extends MeshError {
  constructor(
    readonly key: string,
    problem: string,
    cause: unknown,
  ) {
    super(`the coordination store's value at ${key} ${problem}; was it written by another version?`, {
      retriable: false,
      cause,
    });
  }
}
