import { FatalError } from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { documentJson } from "./document-json.js";
import type { NullValueBehavior, WriteMethod } from "./sink-config.js";

/** How records become bulk actions: the parts of the config that decide it. */
export interface ActionSettings {
  readonly writeMethod: WriteMethod;
  readonly nullValues: NullValueBehavior;
  /** Whether the record key is left out of the document id for a topic (key.ignore, topic.key.ignore). */
  readonly ignoresKey: (topic: string) => boolean;
  /** How many times the engine retries an upsert that raced another write of the same document. */
  readonly retryOnConflict: number;
}

/** One record as the bulk API's lines: an action line, and for index and update its document. */
export interface BulkAction {
  readonly verb: "index" | "update" | "delete";
  readonly index: string;
  readonly lines: readonly string[];
  /** Whether the action carries the record's offset as an external version (a conflict then means newer). */
  readonly isVersioned: boolean;
}

/**
 * A record's bulk action for `index`, made as Confluent's connector makes it, or undefined for a record
 * skipped on purpose (a tombstone under behavior.on.null.values=ignore, or one without a key to delete by).
 * - The document id is `topic+partition+offset` when the key is ignored, else the key (a string or an
 *   integer).
 * - With the key as id, inserts and deletes carry the Kafka offset as an external version, so a record
 *   delivered again, or an older one arriving late, never overwrites a newer one: the engine refuses it
 *   with a version conflict, which the task counts as done.
 * - upsert updates the document with the record's fields, creating it when missing.
 * A record that cannot become an action throws a FatalError saying why.
 */
export function bulkActionFor(
  record: ConnectRecord,
  index: string,
  settings: ActionSettings,
): BulkAction | undefined {
  const isKeyIgnored = settings.ignoresKey(record.topic);
  if (isTombstone(record)) {
    if (settings.nullValues === "ignore") return undefined;
    if (settings.nullValues === "fail") {
      throw new FatalError(
        "the record has a null value (a tombstone); set behavior.on.null.values=ignore to skip such records, " +
          "or delete to delete the document of its key",
      );
    }
    // Without a key there is no document to delete; with an ignored key the id is this record's own.
    if (record.key?.kind === undefined || record.key.kind.$case === "nullValue" || isKeyIgnored) {
      return undefined;
    }
    return action(index, "delete", documentIdOf(record, false), versionOf(record), []);
  }
  const id = documentIdOf(record, isKeyIgnored);
  const document = documentJson(record.value, record.valueSchema);
  if (settings.writeMethod === "upsert") {
    return action(index, "update", id, undefined, [`{"doc":${document},"doc_as_upsert":true}`], {
      retry_on_conflict: settings.retryOnConflict,
    });
  }
  return action(index, "index", id, isKeyIgnored ? undefined : versionOf(record), [document]);
}

/** Whether a record's value is null: a tombstone, which has no document to write. */
export function isTombstone(record: ConnectRecord): boolean {
  return record.value?.kind === undefined || record.value.kind.$case === "nullValue";
}

/** The document id of a record: `topic+partition+offset`, or its key. */
export function documentIdOf(record: ConnectRecord, isKeyIgnored: boolean): string {
  if (isKeyIgnored) {
    const position = record.kafkaPosition;
    if (position === undefined) {
      throw new FatalError("the record has no Kafka position to make a document id from");
    }
    return `${record.topic}+${position.partition}+${position.offset}`;
  }
  const key = record.key?.kind;
  if (key === undefined || key.$case === "nullValue") {
    throw new FatalError(
      "the record key is the document id and cannot be null; set key.ignore=true to use topic+partition+offset",
    );
  }
  if (key.$case === "intValue") return key.value.toString();
  if (key.$case !== "stringValue") {
    throw new FatalError(
      `a ${key.$case.replace("Value", "")} key cannot be a document id (only a string or an integer can); ` +
        "extract a field with the ExtractField transform, or set key.ignore=true",
    );
  }
  if (key.value === "") {
    throw new FatalError("the record key is the document id and cannot be empty");
  }
  return key.value;
}

function versionOf(record: ConnectRecord): bigint | undefined {
  return record.kafkaPosition?.offset;
}

function action(
  index: string,
  verb: "index" | "update" | "delete",
  id: string,
  version: bigint | undefined,
  body: readonly string[],
  extra: Readonly<Record<string, number>> = {},
): BulkAction {
  const versioning = version === undefined ? "" : `,"version":${version},"version_type":"external"`;
  const options = Object.entries(extra)
    .map(([name, value]) => `,${JSON.stringify(name)}:${value}`)
    .join("");
  const line = `{"${verb}":{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(id)}${versioning}${options}}}`;
  return { verb, index, lines: [line, ...body], isVersioned: version !== undefined };
}
