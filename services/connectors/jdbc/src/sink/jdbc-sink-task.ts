import {
  FatalError,
  type Logger,
  PluginError,
  type SinkTask,
  type SinkTaskContext,
  sinkRecordOrigin,
} from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord } from "@connect-mesh/proto";
import type { Database } from "../connection/database.js";
import { parseJdbcUrl, redactUrl } from "../connection/jdbc-url.js";
import { openDatabase } from "../connection/open-database.js";
import { checkShape, type ShapeColumn } from "./dml-statements.js";
import { type FieldSettings, recordFields } from "./record-fields.js";
import { MAX_STATEMENT_BYTES, MAX_STATEMENT_PARAMS } from "./row-chunks.js";
import type { PreparedRow } from "./row-runs.js";
import { type WriteSettings, writeRows } from "./row-writer.js";
import { type InsertMode, insertModeOf, type JdbcSinkConfig, pkModeOf } from "./sink-config.js";
import { holdsInstants, type SqlValue, sqlParameter } from "./sql-parameter.js";
import { tableNameFor } from "./table-name.js";
import { TableStructures } from "./table-structures.js";
import { isMissingObject, writeError } from "./write-errors.js";

/** Opens a connection to the database a config names: `openDatabase`, or a stand-in in tests. */
export type Connect = (config: JdbcSinkConfig, signal: AbortSignal) => Promise<Database>;

/** The records of a batch made ready to write, up to the first one that cannot be. */
interface Prepared {
  readonly rows: readonly PreparedRow[];
  /** Why the record after the last row cannot be written, with its `recordIndex`. */
  readonly failure?: PluginError;
}

/**
 * One JdbcSinkConnector task: writes each batch in one transaction and commits it before acking, so
 * `flush` has nothing left to do (Confluent's task also commits in put()).
 *
 * A batch is first prepared record by record: each becomes its table's row (creating or evolving the table
 * as auto.create and auto.evolve allow; MySQL commits DDL at once, so it must not happen inside the
 * transaction). The records before the first one that cannot be prepared are then written, and that one is
 * reported with its `recordIndex`. A retriable error closes the connection, which the next write opens
 * again; the worker retries the batch. A batch refused because a described table or column is gone is
 * tried once more after the tables are read again.
 */
export class JdbcSinkTask implements SinkTask {
  private db: Database | undefined;
  private readonly structures: TableStructures;
  private readonly fieldSettings: FieldSettings;
  private readonly insertMode: InsertMode;
  private readonly writeSettings: WriteSettings;
  private readonly secrets: readonly (string | undefined)[];

  private constructor(
    private readonly config: JdbcSinkConfig,
    private readonly logger: Logger,
    private readonly signal: AbortSignal,
    private readonly connect: Connect,
  ) {
    this.secrets = [config.connectionPassword, parseJdbcUrl(config.connectionUrl).password];
    this.insertMode = insertModeOf(config);
    this.fieldSettings = {
      pkMode: pkModeOf(config),
      pkFields: config.pkFields,
      fieldsWhitelist: config.fieldsWhitelist,
      deleteEnabled: config.deleteEnabled,
    };
    this.structures = new TableStructures({
      autoCreate: config.autoCreate,
      autoEvolve: config.autoEvolve,
      zone: config.dbTimezone,
      secrets: this.secrets,
      logger,
    });
    this.writeSettings = {
      limits: { maxRows: config.batchSize, maxParams: MAX_STATEMENT_PARAMS, maxBytes: MAX_STATEMENT_BYTES },
      secrets: this.secrets,
      logger,
    };
  }

  /**
   * Starts a task and connects at once, so that a wrong URL or password fails the task when it starts
   * rather than at its first record.
   */
  static async open(
    config: JdbcSinkConfig,
    task: SinkTaskContext,
    connect: Connect = openDatabase,
  ): Promise<JdbcSinkTask> {
    const sink = new JdbcSinkTask(config, task.logger, task.signal, connect);
    await sink.connection();
    task.logger.info(
      {
        url: redactUrl(config.connectionUrl),
        insertMode: sink.insertMode,
        pkMode: sink.fieldSettings.pkMode,
        tableNameFormat: config.tableNameFormat,
      },
      "writing records to the database",
    );
    return sink;
  }

  /** Writes and commits a batch; see the class for what a failure leaves committed. */
  async write(records: readonly ConnectRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      const db = await this.connection();
      try {
        await this.writeBatch(db, records, true);
      } catch (error) {
        if (!isStale(error)) throw error;
        // A table changed since it was described (a column dropped, the table renamed): read it again and
        // try once more; this time a refused record is looked for and reported.
        this.logger.info({ reason: error.message }, "a table changed under the sink; reading it again");
        this.structures.forget();
        await this.writeBatch(db, records, false);
      }
    } catch (error) {
      const failure =
        error instanceof PluginError
          ? error
          : writeError(`cannot write ${records.length} records`, error, { secrets: this.secrets });
      await this.recover(failure);
      throw failure;
    }
  }

  /** Nothing to do: `write` commits. */
  async flush(): Promise<void> {
    // Every write committed its batch before it resolved: nothing accepted is pending.
  }

  /** Closes the connection, if one is open. */
  async close(): Promise<void> {
    await this.disconnect();
  }

  private async connection(): Promise<Database> {
    if (this.db === undefined) this.db = await this.connect(this.config, this.signal);
    return this.db;
  }

  private async writeBatch(
    db: Database,
    records: readonly ConnectRecord[],
    isFirstTry: boolean,
  ): Promise<void> {
    const { rows, failure } = await this.prepare(db, records);
    await writeRows(db, rows, this.writeSettings, { isFirstTry });
    if (failure !== undefined) throw failure;
  }

  private async prepare(db: Database, records: readonly ConnectRecord[]): Promise<Prepared> {
    const rows: PreparedRow[] = [];
    for (const [index, record] of records.entries()) {
      try {
        rows.push(await this.prepareOne(db, record, index));
      } catch (error) {
        const doing = `cannot write record ${index} (${sinkRecordOrigin(record)})`;
        const failure = writeError(doing, error, { secrets: this.secrets });
        // A passing failure (the database went away while describing a table) is the whole batch's.
        if (failure.retriable) throw failure;
        return { rows, failure: writeError(doing, error, { secrets: this.secrets, recordIndex: index }) };
      }
    }
    return { rows };
  }

  private async prepareOne(db: Database, record: ConnectRecord, index: number): Promise<PreparedRow> {
    const { isDelete, fields, values } = recordFields(record, this.fieldSettings);
    const table = tableNameFor(this.config.tableNameFormat, record.topic, db.defaultSchema);
    const columns = await this.structures.columnsFor(db, table, fields);
    const shapeColumns: ShapeColumn[] = [];
    const parameters: SqlValue[] = [];
    for (const [position, field] of fields.entries()) {
      const column = columns[position];
      if (column === undefined) {
        throw new FatalError(`table ${db.dialect.qualified(table)} has no column for field "${field.name}"`);
      }
      shapeColumns.push({ name: column.name, isKey: field.isKey });
      parameters.push(
        sqlParameter(field, values[position], {
          holdsInstants: holdsInstants(column.dataType),
          zone: this.config.dbTimezone,
        }),
      );
    }
    const shape = { table, columns: shapeColumns };
    const action = isDelete ? "delete" : this.insertMode;
    checkShape(db.dialect, shape, action);
    return { index, origin: sinkRecordOrigin(record), action, shape, values: parameters };
  }

  /** After a failed write: a connection that failed may be half-gone, and a missing object means stale tables. */
  private async recover(failure: PluginError): Promise<void> {
    if (isMissingObject(failure)) this.structures.forget();
    if (failure.retriable) await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db === undefined) return;
    try {
      await db.close();
    } catch (error) {
      // The connection is being dropped because it failed; the next write opens a new one either way.
      this.logger.debug({ err: error }, "closing the database connection failed");
    }
  }
}

/** A whole batch refused because a table or column the sink described is not there any more. */
function isStale(error: unknown): error is PluginError {
  return (
    error instanceof PluginError &&
    !error.retriable &&
    error.recordIndex === undefined &&
    isMissingObject(error)
  );
}
