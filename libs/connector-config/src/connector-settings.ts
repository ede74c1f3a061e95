import {
  type ConverterConfig,
  converterConfigFrom,
  DEFAULT_CONVERTER_CLASS,
  DEFAULT_HEADER_CONVERTER_CLASS,
} from "@connect-mesh/converters";
import {
  DEFAULT_RESTART_BACKOFF_INITIAL_MS,
  DEFAULT_RESTART_BACKOFF_MAX_MS,
  DEFAULT_TASKS_MAX,
  RESTART_BACKOFF_INITIAL_MS,
  RESTART_BACKOFF_MAX_MS,
  TASKS_MAX,
} from "./runtime-key-definitions.js";

/** A converter a connector asks for: its class (or alias) and the settings under its key's prefix. */
export interface ConverterChoice {
  readonly className: string;
  readonly config: ConverterConfig;
}

/** The runtime's keys of a connector or task config, read with Connect's defaults. */
export interface ConnectorRuntimeSettings {
  /** `tasks.max`. */
  readonly tasksMax: number;
  /** How a failed task waits before it restarts itself: `task.restart.backoff.initial.ms` and `.max.ms`. */
  readonly restartBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** `key.converter`, `value.converter`, `header.converter` and their `.`-prefixed settings. */
  readonly converters: {
    readonly key: ConverterChoice;
    readonly value: ConverterChoice;
    readonly header: ConverterChoice;
  };
}

/** Which topics a sink reads: the `topics` list, or every topic the `topics.regex` pattern matches. */
export type SinkTopics =
  | { readonly kind: "list"; readonly topics: readonly string[] }
  | { readonly kind: "pattern"; readonly pattern: RegExp };

/**
 * The runtime settings of a config the coordinator has validated (runtimeKeyErrors found nothing), so a
 * number key holds a whole number; an absent key takes its default.
 */
export function connectorRuntimeSettingsFrom(
  config: Readonly<Record<string, string>>,
): ConnectorRuntimeSettings {
  const whole = (key: string, fallback: number) => {
    const text = config[key]?.trim();
    return text === undefined || text === "" ? fallback : Number(text);
  };
  const converter = (key: string, fallback: string): ConverterChoice => ({
    className: config[key] ?? fallback,
    config: converterConfigFrom(config, key),
  });
  return {
    tasksMax: whole(TASKS_MAX, DEFAULT_TASKS_MAX),
    restartBackoff: {
      initialMs: whole(RESTART_BACKOFF_INITIAL_MS, DEFAULT_RESTART_BACKOFF_INITIAL_MS),
      maxMs: whole(RESTART_BACKOFF_MAX_MS, DEFAULT_RESTART_BACKOFF_MAX_MS),
    },
    converters: {
      key: converter("key.converter", DEFAULT_CONVERTER_CLASS),
      value: converter("value.converter", DEFAULT_CONVERTER_CLASS),
      header: converter("header.converter", DEFAULT_HEADER_CONVERTER_CLASS),
    },
  };
}

/**
 * A sink's topics, from exactly one of `topics` (a comma-separated list) and `topics.regex`, or what is
 * wrong with them, under the key and in Connect's words.
 */
export function parseSinkTopics(
  config: Readonly<Record<string, string | undefined>>,
):
  | SinkTopics
  | { readonly kind: "invalid"; readonly error: { readonly key: string; readonly message: string } } {
  const topics = (config.topics ?? "")
    .split(",")
    .map((topic) => topic.trim())
    .filter(Boolean);
  const regex = (config["topics.regex"] ?? "").trim();
  if (topics.length > 0 && regex !== "") {
    return {
      kind: "invalid",
      error: {
        key: "topics",
        message: "topics and topics.regex are mutually exclusive options, but both are set.",
      },
    };
  }
  if (regex === "") {
    return topics.length > 0
      ? { kind: "list", topics }
      : {
          kind: "invalid",
          error: { key: "topics", message: "Must configure one of topics or topics.regex" },
        };
  }
  try {
    return { kind: "pattern", pattern: new RegExp(regex) };
  } catch (error) {
    return {
      kind: "invalid",
      error: {
        key: "topics.regex",
        message: `Invalid value ${regex} for configuration topics.regex: ${(error as Error).message}`,
      },
    };
  }
}
