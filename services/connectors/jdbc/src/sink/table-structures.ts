import { FatalError, type Logger } from "@connect-mesh/connector-sdk";
import type { Database } from "../connection/database.js";
import type { TableName } from "../connection/table-name.js";
import type { TableColumn } from "../schema/result-column.js";
import { type ColumnMatch, matchColumns } from "./column-matching.js";
import { columnType } from "./column-types.js";
import { addColumnsSql, type ColumnDefinition, createTableSql } from "./ddl-statements.js";
import type { SinkField } from "./record-fields.js";
import { sqlParameter } from "./sql-parameter.js";
import { writeError } from "./write-errors.js";

/** What the sink may do to a table, and what it needs to say so. */
export interface StructureSettings {
  readonly autoCreate: boolean;
  readonly autoEvolve: boolean;
  /** db.timezone, in which a Timestamp default is written. */
  readonly zone: string;
  /** Cut out of every message. */
  readonly secrets: readonly (string | undefined)[];
  readonly logger: Logger;
}

/**
 * The tables a sink task writes, as the catalog describes them, read once and kept (Confluent's
 * TableDefinitions): creating a missing table (`auto.create`) and adding missing columns (`auto.evolve`),
 * never dropping or changing one. Descriptions are read again after each DDL statement, and all are dropped
 * by `forget` when a write says a table or column is missing (someone changed the table).
 */
export class TableStructures {
  private readonly described = new Map<string, readonly TableColumn[]>();

  constructor(private readonly settings: StructureSettings) {}

  /**
   * The table's column for each field, in the fields' order. Creates the table or adds columns where the
   * settings allow; otherwise throws a FatalError naming the table, the columns and the key to set.
   */
  async columnsFor(db: Database, table: TableName, fields: readonly SinkField[]): Promise<TableColumn[]> {
    let columns = await this.describe(db, table, false);
    if (columns.length === 0) columns = await this.create(db, table, fields);
    const match = matchColumns(fields, columns);
    if (match.missing.length === 0) return complete(match, db, table);
    return complete(matchColumns(fields, await this.evolve(db, table, match.missing)), db, table);
  }

  /** Drops every description, so that each table is read again before it is next written. */
  forget(): void {
    this.described.clear();
  }

  private async describe(
    db: Database,
    table: TableName,
    isRefresh: boolean,
  ): Promise<readonly TableColumn[]> {
    const key = `${table.schema}\u0000${table.name}`;
    const known = isRefresh ? undefined : this.described.get(key);
    if (known !== undefined) return known;
    let columns: readonly TableColumn[];
    try {
      columns = await db.describeTable(table);
    } catch (error) {
      throw writeError(
        `cannot read the columns of table ${db.dialect.qualified(table)}`,
        error,
        this.settings,
      );
    }
    // A missing table is not remembered: it may be created by anyone at any time.
    if (columns.length > 0) this.described.set(key, columns);
    else this.described.delete(key);
    return columns;
  }

  private async create(
    db: Database,
    table: TableName,
    fields: readonly SinkField[],
  ): Promise<readonly TableColumn[]> {
    const name = db.dialect.qualified(table);
    if (!this.settings.autoCreate) {
      throw new FatalError(
        `table ${name} does not exist and auto.create is false; create the table, or set auto.create=true`,
      );
    }
    const sql = createTableSql(db.dialect, table, this.definitions(db, fields));
    this.settings.logger.info({ table: name, sql }, "creating the table the records need (auto.create)");
    try {
      await db.execute(sql);
    } catch (error) {
      // Another task may have created it first, as Confluent's connector also allows for.
      const columns = await this.describe(db, table, true);
      if (columns.length > 0) return columns;
      throw writeError(`cannot create table ${name}`, error, this.settings);
    }
    const columns = await this.describe(db, table, true);
    if (columns.length === 0) {
      throw new FatalError(
        `table ${name} was created but the catalog does not show it; check that the user may read ` +
          "information_schema for it",
      );
    }
    return columns;
  }

  private async evolve(
    db: Database,
    table: TableName,
    missing: readonly SinkField[],
  ): Promise<readonly TableColumn[]> {
    const name = db.dialect.qualified(table);
    const names = missing.map((field) => `"${field.name}"`).join(", ");
    if (!this.settings.autoEvolve) {
      throw new FatalError(
        `table ${name} has no column ${names} for the record's field(s), and auto.evolve is false; add the ` +
          "column(s) to the table, or set auto.evolve=true",
      );
    }
    for (const field of missing) {
      if (!field.schema.optional && field.schema.defaultValue === undefined) {
        throw new FatalError(
          `cannot add column "${field.name}" to table ${name} (auto.evolve): the field is not optional and has ` +
            "no default value, so the rows already there would have no value for it; make the field optional " +
            "or give it a default, or add the column yourself",
        );
      }
    }
    // An added column cannot join the existing primary key: it is an ordinary column.
    const sql = addColumnsSql(
      db.dialect,
      table,
      this.definitions(
        db,
        missing.map((field) => ({ ...field, isKey: false })),
      ),
    );
    this.settings.logger.info({ table: name, sql }, "adding the columns the records need (auto.evolve)");
    try {
      await db.execute(sql);
    } catch (error) {
      // Another task may have added them first.
      const columns = await this.describe(db, table, true);
      if (matchColumns(missing, columns).missing.length === 0) return columns;
      throw writeError(`cannot add column ${names} to table ${name}`, error, this.settings);
    }
    return this.describe(db, table, true);
  }

  private definitions(db: Database, fields: readonly SinkField[]): ColumnDefinition[] {
    return fields.map((field) => {
      let sqlType: string;
      try {
        sqlType = columnType(field.schema, db.dialect.name, field.isKey);
      } catch (error) {
        throw writeError(`field "${field.name}"`, error, this.settings);
      }
      return {
        name: field.name,
        sqlType,
        isKey: field.isKey,
        isOptional: field.schema.optional,
        // The columns made here hold wall-clock times (DATETIME, timestamp), so a default is one too.
        defaultValue: sqlParameter(field, undefined, { holdsInstants: false, zone: this.settings.zone }),
      };
    });
  }
}

function complete(match: ColumnMatch, db: Database, table: TableName): TableColumn[] {
  const found = match.columns.filter((column): column is TableColumn => column !== undefined);
  if (found.length !== match.columns.length) {
    throw new FatalError(
      `table ${db.dialect.qualified(table)} still has no column ${match.missing.map((f) => `"${f.name}"`).join(", ")} ` +
        "after adding it; check the table and the user's rights",
    );
  }
  return found;
}
