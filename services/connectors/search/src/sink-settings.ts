import { allowedValue } from "@connect-mesh/connector-sdk";
import type { ActionSettings } from "./bulk-actions.js";
import type { SendSettings } from "./bulk-sender.js";
import { MAX_BULK_BYTES } from "./bulk-sender.js";
import type { EngineConnection } from "./search-client.js";
import {
  MALFORMED_DOCUMENT_BEHAVIORS,
  type MalformedDocumentBehavior,
  NULL_VALUE_BEHAVIORS,
  type SearchSinkConfig,
  WRITE_METHODS,
} from "./sink-config.js";

/** The most times the engine retries an upsert that raced another write of its document (Confluent's cap). */
const MAX_RETRY_ON_CONFLICT = 5;

/** What a task runs by, read once from its parsed config. */
export interface SearchSinkSettings {
  readonly connection: EngineConnection;
  readonly actions: ActionSettings;
  readonly sending: Omit<SendSettings, "signal" | "logger">;
  readonly malformedDocuments: MalformedDocumentBehavior;
  /** Whether the engine maps a topic's documents itself (schema.ignore, topic.schema.ignore). */
  readonly ignoresSchema: (topic: string) => boolean;
}

/** The settings of a parsed config; the enumerated keys, which Confluent reads in any case, in lower case. */
export function searchSinkSettings(config: SearchSinkConfig): SearchSinkSettings {
  const keyIgnoredTopics = new Set(config.topicKeyIgnore);
  const schemaIgnoredTopics = new Set(config.topicSchemaIgnore);
  return {
    connection: {
      urls: config.connectionUrl,
      username: config.connectionUsername,
      password: config.connectionPassword,
      requestTimeoutMs: config.readTimeoutMs,
    },
    actions: {
      writeMethod: allowedValue(WRITE_METHODS, config.writeMethod, "write.method"),
      nullValues: allowedValue(NULL_VALUE_BEHAVIORS, config.behaviorOnNullValues, "behavior.on.null.values"),
      ignoresKey: (topic) => config.keyIgnore || keyIgnoredTopics.has(topic),
      retryOnConflict: Math.min(config.maxInFlightRequests, MAX_RETRY_ON_CONFLICT),
    },
    sending: {
      maxActions: config.batchSize,
      maxBytes: MAX_BULK_BYTES,
      maxInFlight: config.maxInFlightRequests,
      maxRetries: config.maxRetries,
      retryBackoffMs: Number(config.retryBackoffMs),
    },
    malformedDocuments: allowedValue(
      MALFORMED_DOCUMENT_BEHAVIORS,
      config.behaviorOnMalformedDocuments,
      "behavior.on.malformed.documents",
    ),
    ignoresSchema: (topic) => config.schemaIgnore || schemaIgnoredTopics.has(topic),
  };
}
