import {
  FatalError,
  type Logger,
  RetriableError,
  type SinkTask,
  type SinkTaskContext,
  sinkRecordOrigin,
} from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import { bulkActionFor, isTombstone } from "./bulk-actions.js";
import type { ItemOutcome } from "./bulk-outcome.js";
import { type IndexedAction, type SendSettings, sendActions } from "./bulk-sender.js";
import { engineError } from "./engine-errors.js";
import { indexMappingFor } from "./index-mapping.js";
import { indexNameFor } from "./index-name.js";
import { redactedUrl, type SearchClient } from "./search-client.js";
import type { SearchSinkSettings } from "./sink-settings.js";

/** Opens the client for a config: a real `SearchClient`, or a stand-in in tests. */
export type OpenClient = (settings: SearchSinkSettings) => SearchClient;

/**
 * One ElasticsearchSinkConnector task. Each batch is written before `write` resolves: its records become bulk
 * actions, sent as bulk requests (see `sendActions`), and the engine's answer for each record decides:
 * - written (or skipped on purpose, or older than what is indexed): accepted;
 * - malformed: skipped, or refused when behavior.on.malformed.documents=fail;
 * - refused for any other lasting reason: refused;
 * - still not taken after max.retries for a passing reason: retriable.
 * `write` then throws for the first record not accepted, with its `recordIndex`: the worker counts the
 * records before it as written, hands a refused record to the error policy (the dead letter queue) and sends
 * the rest again; records after it that were indexed are indexed again, under the same id. A bulk answer
 * means the engine has the documents in its translog, so `flush` has nothing left to do.
 */
export class SearchSinkTask implements SinkTask {
  /** Indexes known to exist with their mapping, so each is checked once per task. */
  private readonly preparedIndexes = new Set<string>();
  private readonly sendSettings: SendSettings;

  private constructor(
    private readonly settings: SearchSinkSettings,
    private readonly client: SearchClient,
    private readonly logger: Logger,
    signal: AbortSignal,
  ) {
    this.sendSettings = { ...settings.sending, signal, logger };
  }

  /** Starts a task and asks the engine who it is, so an unreachable or refusing engine fails the start. */
  static async open(
    task: SinkTaskContext,
    settings: SearchSinkSettings,
    openClient: OpenClient,
  ): Promise<SearchSinkTask> {
    const client = openClient(settings);
    const sink = new SearchSinkTask(settings, client, task.logger, task.signal);
    try {
      const engine = await client.info();
      task.logger.info(
        {
          engine: engine.distribution,
          version: engine.version,
          urls: settings.connection.urls.map(redactedUrl),
        },
        "writing records to the search engine",
      );
    } catch (error) {
      await client.close();
      throw error;
    }
    return sink;
  }

  /** Writes a batch; see the class for what a failure leaves written. */
  async write(records: readonly ConnectRecord[]): Promise<void> {
    const { actions, refusal } = await this.prepare(records);
    const outcomes = await sendActions(actions, (lines) => this.client.bulk(lines), this.sendSettings);
    for (const [index, record] of records.entries()) {
      const outcome = outcomes.get(index);
      if (outcome !== undefined) this.accept(outcome, index, record);
    }
    if (refusal !== undefined) throw refusal;
  }

  /** Nothing to do: `write` resolves only once the engine has answered for every document. */
  async flush(): Promise<void> {
    // Every accepted batch is in the engine's translog already.
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * The bulk actions of the records up to the first that cannot have one, and why that one cannot. The
   * records after it are left for the worker to send again once it has dealt with that one, so none is
   * indexed twice for it.
   */
  private async prepare(
    records: readonly ConnectRecord[],
  ): Promise<{ actions: IndexedAction[]; refusal?: FatalError }> {
    const actions: IndexedAction[] = [];
    for (const [recordIndex, record] of records.entries()) {
      try {
        const index = indexNameFor(record.topic);
        await this.prepareIndex(index, record);
        const action = bulkActionFor(record, index, this.settings.actions);
        if (action !== undefined) actions.push({ recordIndex, action });
      } catch (error) {
        const failure = engineError(
          `cannot index record ${recordIndex} (${sinkRecordOrigin(record)})`,
          error,
        );
        // The engine not answering is the whole batch's trouble, and nothing was sent yet.
        if (failure.retriable) throw failure;
        return { actions, refusal: new FatalError(failure.message, { cause: error, recordIndex }) };
      }
    }
    return { actions };
  }

  /**
   * Makes sure a record's index exists before its first document, with a mapping made from the record's
   * value schema unless the topic's schema is ignored (Confluent's connector does the same). Tombstones
   * carry no schema to map, so they leave the index to the next record with a value.
   */
  private async prepareIndex(index: string, record: ConnectRecord): Promise<void> {
    if (isTombstone(record)) return;
    const isMapped = !this.settings.ignoresSchema(record.topic);
    // Checked for every record, not only an index's first, so that whether a record is refused never depends
    // on what the task happened to write before it.
    if (isMapped && record.valueSchema === undefined) {
      throw new FatalError(
        `index "${index}" gets its mapping from the record schema (schema.ignore=false), but the record has ` +
          "none; set schema.ignore=true (or list the topic in topic.schema.ignore) for schemaless data",
      );
    }
    if (this.preparedIndexes.has(index)) return;
    await this.client.ensureIndex(
      index,
      isMapped && record.valueSchema !== undefined
        ? indexMappingFor(record.valueSchema, record.topic)
        : undefined,
    );
    this.preparedIndexes.add(index);
  }

  /** Returns when the engine's outcome counts as written; throws the record's error otherwise. */
  private accept(outcome: ItemOutcome, recordIndex: number, record: ConnectRecord): void {
    if (outcome.kind === "done") return;
    const origin = sinkRecordOrigin(record);
    if (outcome.kind === "malformed" && this.settings.malformedDocuments !== "fail") {
      const log = { origin, reason: outcome.reason };
      const skipped = `the engine refused a malformed document; skipped (behavior.on.malformed.documents=${this.settings.malformedDocuments})`;
      if (this.settings.malformedDocuments === "warn") this.logger.warn(log, skipped);
      else this.logger.debug(log, skipped);
      return;
    }
    const message = `the engine did not index record ${recordIndex} (${origin}): ${outcome.reason}`;
    if (outcome.kind === "passing") throw new RetriableError(message, { recordIndex });
    throw new FatalError(message, { recordIndex });
  }
}
