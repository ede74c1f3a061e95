import { defineConfig, validators } from "@connect-mesh/connector-sdk";

/** What to do with a record whose value is null (a tombstone): Confluent's `behavior.on.null.values`. */
export type NullValueBehavior = "ignore" | "delete" | "fail";

/** What to do with a document the engine refuses as malformed: `behavior.on.malformed.documents`. */
export type MalformedDocumentBehavior = "ignore" | "warn" | "fail";

/** How a record's document is written: `write.method`. */
export type WriteMethod = "insert" | "upsert";

export const NULL_VALUE_BEHAVIORS: readonly NullValueBehavior[] = ["ignore", "delete", "fail"];
export const MALFORMED_DOCUMENT_BEHAVIORS: readonly MalformedDocumentBehavior[] = ["ignore", "warn", "fail"];
export const WRITE_METHODS: readonly WriteMethod[] = ["insert", "upsert"];

/**
 * ElasticsearchSinkConnector's keys, with Confluent's names, defaults and meaning. `topics`, `topics.regex`
 * and `tasks.max` are the runtime's keys: it subscribes and plans with them.
 */
export const searchSinkConfig = defineConfig({
  "connection.url": {
    type: "list",
    importance: "high",
    group: "Connector",
    displayName: "Connection URLs",
    documentation:
      "The comma-separated list of one or more Elasticsearch or OpenSearch URLs, such as " +
      "http://eshost1:9200,http://eshost2:9200. Requests are spread over them, and one that does not " +
      "answer is skipped until it does. A URL without a protocol is treated as http.",
    validators: [validators.nonEmpty()],
  },
  "connection.username": {
    type: "string",
    default: null,
    importance: "medium",
    group: "Connector",
    displayName: "Connection Username",
    documentation: "The username for HTTP basic authentication; none when unset.",
  },
  "connection.password": {
    type: "password",
    default: null,
    importance: "medium",
    group: "Connector",
    displayName: "Connection Password",
    documentation:
      "The password for HTTP basic authentication. A PASSWORD key: Validate answers and task logs show it " +
      "as [hidden].",
  },
  "batch.size": {
    type: "int",
    default: 2000,
    importance: "medium",
    group: "Connector",
    displayName: "Batch Size",
    documentation:
      "The most documents in one bulk request. A batch the worker delivers (up to 2,000 records from one " +
      "Kafka fetch) is sent as bulk requests of at most this many documents.",
    validators: [validators.range({ min: 1, max: 1_000_000 })],
  },
  "max.in.flight.requests": {
    type: "int",
    default: 5,
    importance: "medium",
    group: "Connector",
    displayName: "Max In-flight Requests",
    documentation:
      "The most bulk requests a task has waiting on the engine at once, when a batch needs several.",
    validators: [validators.range({ min: 1, max: 1000 })],
  },
  "linger.ms": {
    type: "long",
    default: 1n,
    importance: "low",
    group: "Connector",
    displayName: "Linger (ms)",
    documentation:
      "Accepted for compatibility with Confluent's connector and not used: the worker hands the task whole " +
      "batches of what one Kafka fetch returned, and each is sent at once.",
    validators: [validators.range({ min: 0, max: 604_800_000 })],
  },
  "max.retries": {
    type: "int",
    default: 5,
    importance: "low",
    group: "Connector",
    displayName: "Max Retries",
    documentation:
      "How many times the task sends a bulk request again, itself, when the engine did not answer or " +
      "refused documents for a passing reason (429 Too Many Requests, 503). After that the batch goes back " +
      "to the worker, which keeps retrying with its own capped backoff for as long as the reason lasts: " +
      "no record is dropped for it.",
    validators: [validators.range({ min: 0 })],
  },
  "retry.backoff.ms": {
    type: "long",
    default: 100n,
    importance: "low",
    group: "Connector",
    displayName: "Retry Backoff (ms)",
    documentation:
      "How long to wait before the first of those retries; each later wait doubles, with jitter, up to " +
      "24 hours.",
    validators: [validators.range({ min: 0, max: 86_400_000 })],
  },
  "read.timeout.ms": {
    type: "int",
    default: 3000,
    importance: "low",
    group: "Connector",
    displayName: "Read Timeout",
    documentation:
      "How long to wait for the engine's answer to a request before counting it as not answered (and " +
      "retrying it, see max.retries).",
    validators: [validators.range({ min: 1 })],
  },
  "key.ignore": {
    type: "boolean",
    default: false,
    importance: "high",
    group: "Data Conversion",
    displayName: "Ignore Key mode",
    documentation:
      "Whether to ignore the record key when making the document id. When true, the id is " +
      "topic+partition+offset, so every record is its own document. When false, the record key (a string " +
      "or an integer) is the id, so a key's later records replace its document.",
  },
  "schema.ignore": {
    type: "boolean",
    default: false,
    importance: "low",
    group: "Data Conversion",
    displayName: "Ignore Schema mode",
    documentation:
      "Whether to leave the index's mapping to the engine. When false, a new index is given a mapping " +
      "made from the record's value schema (Timestamp, Date and Time as date, Decimal as double, strings " +
      "as text with a keyword field, structs as objects), and a record without a schema is refused. When " +
      "true, the engine maps the fields it sees (dynamic mapping).",
  },
  "topic.key.ignore": {
    type: "list",
    default: [],
    importance: "low",
    group: "Data Conversion",
    displayName: "Topics for 'Ignore Key' mode",
    documentation: "Topics whose record keys are ignored (as key.ignore=true) whatever key.ignore says.",
  },
  "topic.schema.ignore": {
    type: "list",
    default: [],
    importance: "low",
    group: "Data Conversion",
    displayName: "Topics for 'Ignore Schema' mode",
    documentation: "Topics whose schemas are ignored (as schema.ignore=true) whatever schema.ignore says.",
  },
  "behavior.on.null.values": {
    type: "string",
    default: "fail",
    importance: "low",
    group: "Data Conversion",
    displayName: "Behavior for null-valued records",
    documentation:
      "How to handle records with a null value (tombstones). ignore: skip them. delete: delete the " +
      "document whose id is the record key (needs key.ignore=false; a tombstone without a key is skipped). " +
      "fail: refuse the record, which the error policy then handles (errors.tolerance, the dead letter " +
      "queue).",
    validators: [validators.oneOf(NULL_VALUE_BEHAVIORS, { caseInsensitive: true })],
  },
  "behavior.on.malformed.documents": {
    type: "string",
    default: "fail",
    importance: "low",
    group: "Data Conversion",
    displayName: "Behavior on malformed documents",
    documentation:
      "How to handle a document the engine refuses as malformed (a mapping conflict, a field the mapping " +
      "forbids, an illegal field name). ignore: skip it. warn: skip it and log a warning. fail: refuse the " +
      "record with the engine's reason, which the error policy then handles: with errors.tolerance=all " +
      "and errors.deadletterqueue.topic.name, it goes to the dead letter queue and the rest are indexed.",
    validators: [validators.oneOf(MALFORMED_DOCUMENT_BEHAVIORS, { caseInsensitive: true })],
  },
  "write.method": {
    type: "string",
    default: "insert",
    importance: "low",
    group: "Data Conversion",
    displayName: "Write Method",
    documentation:
      "How a document is written. insert: index the whole document, replacing one with the same id. " +
      "upsert: update the fields the record has in the document with the same id, creating it if missing.",
    validators: [validators.oneOf(WRITE_METHODS, { caseInsensitive: true })],
  },
});

/** The sink's parsed config. */
export type SearchSinkConfig = ReturnType<typeof searchSinkConfig.parse>;
