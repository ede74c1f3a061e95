import { CommandError } from "./command-error.js";

// Kafka Connect's REST bodies, the parts cmesh shows, read from JSON once at the edge. The readers are
// lenient about fields cmesh does not need, so a newer coordinator that adds fields still works, and strict
// only where a missing field would make the output wrong.

/** A connector's or a task's state in Connect's status body; `trace` appears only on failure. */
export interface StateBody {
  readonly state: string;
  readonly worker_id: string;
  readonly trace?: string;
}

/** A task's entry in Connect's status body. */
export interface TaskStateBody extends StateBody {
  readonly id: number;
}

/** `GET /connectors/{name}/status`, also the body of a 202 answer to a restart. */
export interface ConnectorStatusBody {
  readonly name: string;
  readonly type?: string;
  readonly connector: StateBody;
  readonly tasks: readonly TaskStateBody[];
}

/** One connector of `GET /connectors?expand=status&expand=info`. */
export interface ExpandedConnector {
  readonly status?: ConnectorStatusBody;
  readonly info?: { readonly type?: string };
}

/** `GET /connectors?expand=status&expand=info`: each connector by name. */
export type ConnectorListBody = Readonly<Record<string, ExpandedConnector>>;

/** One key's result in Connect's ConfigInfos. */
export interface ConfigValueBody {
  readonly value: { readonly name: string; readonly errors: readonly string[] };
}

/** `PUT /connector-plugins/{plugin}/config/validate` (Connect's ConfigInfos). */
export interface ConfigInfosBody {
  readonly name: string;
  readonly error_count: number;
  readonly configs: readonly ConfigValueBody[];
}

/** `GET /connectors/{name}/offsets`; an `offset` of null marks a partition whose offset was reset. */
export interface OffsetsBody {
  readonly offsets: readonly {
    readonly partition: Readonly<Record<string, unknown>>;
    readonly offset: Readonly<Record<string, unknown>> | null;
  }[];
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `message` of a body that has one: Connect's error body `{"error_code","message"}`, or the answer to
 * a change of offsets.
 */
export function bodyMessageOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.message === "string" && body.message !== "" ? body.message : undefined;
}

/** Reads a connector's status body; `request` names where it came from for the error. */
export function readConnectorStatus(body: unknown, request: string): ConnectorStatusBody {
  const record = mustBeRecord(body, request);
  const type = optionalString(record.type);
  return {
    name: typeof record.name === "string" ? record.name : "?",
    ...(type === undefined ? {} : { type }),
    connector: readState(record.connector),
    tasks: elementsOf(record.tasks).map((task, index) => ({
      // A task without an id is shown by its place in the list, which is how Connect orders them.
      id: isRecord(task) && typeof task.id === "number" ? task.id : index,
      ...readState(task),
    })),
  };
}

/**
 * Reads `GET /connectors?expand=status&expand=info`. A plain list of names (what a REST API that ignores
 * `expand` answers) becomes connectors with nothing known about them, so the names still show.
 */
export function readConnectorList(body: unknown, request: string): ConnectorListBody {
  if (Array.isArray(body)) {
    const names = elementsOf(body).filter((name): name is string => typeof name === "string");
    return Object.fromEntries(names.map((name) => [name, {}]));
  }
  const list: Record<string, ExpandedConnector> = {};
  for (const [name, entry] of Object.entries(mustBeRecord(body, request))) {
    const status = isRecord(entry) && entry.status !== undefined ? entry.status : undefined;
    const type = isRecord(entry) && isRecord(entry.info) ? optionalString(entry.info.type) : undefined;
    list[name] = {
      ...(status === undefined ? {} : { status: readConnectorStatus(status, request) }),
      ...(type === undefined ? {} : { info: { type } }),
    };
  }
  return list;
}

/** Reads Connect's ConfigInfos, the answer to a validate request. */
export function readConfigInfos(body: unknown, request: string): ConfigInfosBody {
  const record = mustBeRecord(body, request);
  const configs = elementsOf(record.configs)
    .filter(isRecord)
    .map((config) => {
      const value = isRecord(config.value) ? config.value : {};
      const definitionName = isRecord(config.definition) ? optionalString(config.definition.name) : undefined;
      return {
        value: {
          name: optionalString(value.name) ?? definitionName ?? "?",
          errors: elementsOf(value.errors).map(String),
        },
      };
    });
  return {
    name: typeof record.name === "string" ? record.name : "?",
    // error_count decides the exit code, so when it is missing count the errors rather than guess 0.
    error_count:
      typeof record.error_count === "number"
        ? record.error_count
        : configs.reduce((sum, c) => sum + c.value.errors.length, 0),
    configs,
  };
}

/** Reads `GET /connectors/{name}/offsets`. */
export function readOffsets(body: unknown, request: string): OffsetsBody {
  const record = mustBeRecord(body, request);
  if (!Array.isArray(record.offsets)) throw unexpectedBody(body, request);
  return {
    offsets: elementsOf(record.offsets)
      .filter(isRecord)
      .map((entry) => ({
        partition: isRecord(entry.partition) ? entry.partition : {},
        offset: isRecord(entry.offset) ? entry.offset : null,
      })),
  };
}

function readState(value: unknown): StateBody {
  if (!isRecord(value)) return { state: "UNKNOWN", worker_id: "" };
  const trace = optionalString(value.trace);
  return {
    state: typeof value.state === "string" ? value.state : "UNKNOWN",
    worker_id: typeof value.worker_id === "string" ? value.worker_id : "",
    ...(trace === undefined ? {} : { trace }),
  };
}

/** A JSON array's elements, typed as unknown (Array.isArray alone would type them as any); [] for a non-array. */
function elementsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function mustBeRecord(body: unknown, request: string): Readonly<Record<string, unknown>> {
  if (!isRecord(body)) throw unexpectedBody(body, request);
  return body;
}

function unexpectedBody(body: unknown, request: string): CommandError {
  const shown = JSON.stringify(body) ?? String(body);
  return new CommandError(
    `${request} answered a body that is not Kafka Connect's shape: ${shown.slice(0, 200)}; is --url pointing at the coordinator's REST API?`,
  );
}
