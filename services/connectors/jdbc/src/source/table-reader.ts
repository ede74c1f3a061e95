import {
  FatalError,
  type Logger,
  type PlainMap,
  PluginError,
  sourceRecord,
  toValue,
} from "@connect-mesh/connector-sdk";
import type { Record as ConnectRecord, Value } from "@connect-mesh/proto";
import type { Database } from "../connection/database.js";
import { floorToSecond, formatMicros } from "../connection/micros-text.js";
import { sqlError } from "../connection/sql-errors.js";
import type { TableName } from "../connection/table-name.js";
import { timestampMicros, timestampParameterMicros } from "../schema/column-values.js";
import type { ResultColumn } from "../schema/result-column.js";
import { pollQuery } from "./poll-query.js";
import { RowLayout } from "./row-layout.js";
import { type RowPosition, toOffset } from "./row-position.js";
import type { SourceMode } from "./source-config.js";

/** What a reader reads: a whole table, or the result of the connector's query. */
export type ReadTarget =
  | { readonly kind: "table"; readonly table: TableName }
  | { readonly kind: "query"; readonly query: string };

/** How a reader reads, from the connector's config. */
export interface ReaderSettings {
  readonly mode: SourceMode;
  readonly topic: string;
  readonly timestampColumns: readonly string[];
  /** The incrementing column, already resolved (auto-increment found) for incrementing modes. */
  readonly incrementingColumn: string | undefined;
  readonly batchMaxRows: number;
  readonly timestampDelayMs: bigint;
  readonly zone: string;
  readonly logger: Logger;
}

/** The alias a query's result is read through, so the mode's conditions can follow its own WHERE. */
const QUERY_ALIAS = "connect_query";

/**
 * Reads one table (or the query) poll after poll, from where its stored offset says, and turns rows into
 * records. One reader per table, as Confluent's TableQuerier; the task polls its readers in turn.
 *
 * Timestamp mode's trap is rows that share a timestamp across a poll or batch boundary. Two rules close it:
 * a poll reads only timestamps before the database clock's current second (less the delay), so every row of
 * a timestamp it reads is already there; and a record's offset moves to its timestamp only at the last row
 * of that timestamp, so a restart in the middle of a run reads the whole run again rather than skipping
 * the rest of it (at-least-once, as everywhere).
 */
export class TableReader {
  /** When this reader is next due, in ms since the epoch. */
  nextPollAt = 0;
  private layout: RowLayout | undefined;
  /** The table's NOT NULL columns, read from the catalog before the first poll and after its columns change. */
  private notNull: ReadonlySet<string> = new Set();
  private isDescribed = false;
  /** Whether the timestamp column holds wall-clock times or instants: probed once, again after a change. */
  private timestampKind: ResultColumn["kind"] | undefined;

  constructor(
    private readonly target: ReadTarget,
    private readonly settings: ReaderSettings,
    readonly sourcePartition: PlainMap,
    private position: RowPosition,
  ) {}

  /** For logs and errors: the table's qualified name, or "the query". */
  get description(): string {
    return this.target.kind === "table"
      ? `table ${this.target.table.schema}.${this.target.table.name}`
      : "the query";
  }

  /** Reads what is new since the last poll, in batches of at most batch.max.rows records. */
  async *poll(db: Database, signal: AbortSignal): AsyncGenerator<ConnectRecord[]> {
    const { settings } = this;
    const from = this.fromClause(db);
    if (settings.mode.startsWith("timestamp")) this.timestampKind ??= await this.probeTimestampKind(db, from);
    const timestampKind = this.timestampKind;
    const asParameter = (micros: bigint) =>
      formatMicros(timestampParameterMicros(timestampKind ?? "zonedTimestamp", micros, settings.zone));
    const before =
      timestampKind === undefined
        ? undefined
        : floorToSecond((await this.ask(() => db.nowMicros())) - settings.timestampDelayMs * 1000n);
    const { sql, params } = pollQuery({
      dialect: db.dialect,
      mode: settings.mode,
      from,
      timestampColumns: settings.timestampColumns,
      incrementingColumn: settings.incrementingColumn,
      lastTimestamp:
        this.position.timestampMicros === undefined ? undefined : asParameter(this.position.timestampMicros),
      timestampBefore: before === undefined ? undefined : asParameter(before),
      lastIncrementing: this.position.incrementing,
    });
    // Before the rows: a connection reading a result answers nothing else until the result is read.
    if (this.target.kind === "table" && !this.isDescribed) await this.describe(db, this.target.table);
    const result = await this.ask(() => db.stream(sql, params));
    const layout = this.layoutFor(result.columns);
    const positionOf = this.rowPositions(result.columns);
    const sourcePartition = toValue(this.sourcePartition);
    let batch: ConnectRecord[] = [];
    let pending: { value: Value; position: RowPosition } | undefined;
    const emit = (value: Value, position: RowPosition) => {
      batch.push(
        sourceRecord({
          topic: settings.topic,
          sourcePartition,
          sourceOffset: toValue(toOffset(position)),
          value,
          valueSchema: layout.schema,
        }),
      );
      this.position = position;
    };
    try {
      for await (const row of result.rows) {
        const position = positionOf(row);
        if (settings.mode === "timestamp") {
          // The row before this one ended its timestamp's run only if this one has a later timestamp.
          if (pending !== undefined) {
            const endsRun = pending.position.timestampMicros !== position.timestampMicros;
            emit(pending.value, endsRun ? pending.position : this.position);
          }
          pending = { value: layout.valueOf(row), position };
        } else {
          emit(layout.valueOf(row), position);
        }
        if (batch.length >= settings.batchMaxRows) {
          yield batch;
          batch = [];
          if (signal.aborted) return;
        }
      }
    } catch (error) {
      throw error instanceof PluginError ? error : sqlError(`reading ${this.description}`, error);
    }
    // The last row read is the end of its run: every row before `before` is in this result.
    if (pending !== undefined) emit(pending.value, pending.position);
    if (batch.length > 0) yield batch;
  }

  private fromClause(db: Database): string {
    return this.target.kind === "table"
      ? db.dialect.qualified(this.target.table)
      : `(${this.target.query}) ${db.dialect.quote(QUERY_ALIAS)}`;
  }

  /** Whether the timestamp column is a wall-clock time or an instant, from the result's own metadata. */
  private async probeTimestampKind(db: Database, from: string): Promise<ResultColumn["kind"]> {
    const probe = await this.ask(() => db.stream(`SELECT * FROM ${from} WHERE 1 = 0`, []));
    for await (const _ of probe.rows) {
      // WHERE 1 = 0 reads no rows; the loop only ends the statement.
    }
    const name = this.settings.timestampColumns[0];
    const column = probe.columns.find((c) => c.name === name);
    if (column === undefined || (column.kind !== "timestamp" && column.kind !== "zonedTimestamp")) {
      throw new FatalError(
        `timestamp.column.name "${name}" is ${column === undefined ? "not a column" : `a ${column.sqlType} column, not a timestamp`} of ${this.description}`,
      );
    }
    return column.kind;
  }

  private async describe(db: Database, table: TableName): Promise<void> {
    const columns = await this.ask(() => db.describeTable(table));
    this.notNull = new Set(columns.filter((c) => !c.isNullable).map((c) => c.name));
    this.isDescribed = true;
  }

  private layoutFor(columns: readonly ResultColumn[]): RowLayout {
    if (this.layout?.fits(columns)) return this.layout;
    if (this.layout !== undefined) {
      // The table changed: its new columns count as nullable until the next poll reads the catalog again,
      // and the timestamp column's type is probed again.
      this.isDescribed = false;
      this.timestampKind = undefined;
    }
    const notNull = this.notNull;
    this.layout = new RowLayout(columns, {
      schemaName: this.target.kind === "table" ? this.target.table.name : "",
      // A query's columns may be computed: only a table's catalog can say a column is never NULL.
      isNullable: (column) => this.target.kind === "query" || !notNull.has(column),
      zone: this.settings.zone,
      logger: this.settings.logger,
    });
    return this.layout;
  }

  /** Reads a row's timestamp (the first non-null timestamp column) and incrementing value. */
  private rowPositions(columns: readonly ResultColumn[]): (row: readonly unknown[]) => RowPosition {
    const { settings } = this;
    const indexOf = (name: string) => {
      const index = columns.findIndex((c) => c.name === name);
      if (index < 0) throw new FatalError(`column "${name}" is not in the result of ${this.description}`);
      return index;
    };
    const timestamps = settings.mode.startsWith("timestamp")
      ? settings.timestampColumns.map((name) => ({
          index: indexOf(name),
          column: columns[indexOf(name)] as ResultColumn,
        }))
      : [];
    const incrementing =
      settings.mode.endsWith("incrementing") && settings.incrementingColumn !== undefined
        ? indexOf(settings.incrementingColumn)
        : undefined;
    return (row) => {
      const found = timestamps.find(({ index }) => row[index] !== null && row[index] !== undefined);
      return {
        ...(found === undefined
          ? {}
          : { timestampMicros: timestampMicros(found.column, row[found.index], settings.zone) }),
        ...(incrementing === undefined ? {} : { incrementing: BigInt(String(row[incrementing])) }),
      };
    };
  }

  private async ask<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sqlError(`reading ${this.description}`, error);
    }
  }
}
