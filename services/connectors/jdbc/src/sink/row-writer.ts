import type { Logger, PluginError } from "@connect-mesh/connector-sdk";
import type { Database } from "../connection/database.js";
import type { ChunkLimits } from "./row-chunks.js";
import { type PreparedRow, planStatements } from "./row-runs.js";
import { isMissingObject, writeError } from "./write-errors.js";

/** How rows are written, and what errors may not show. */
export interface WriteSettings {
  readonly limits: ChunkLimits;
  readonly secrets: readonly (string | undefined)[];
  readonly logger: Logger;
}

/**
 * Writes the rows in one transaction, as few multi-row statements (see `planStatements`), and commits.
 *
 * When the database refuses the batch for a reason that will not pass, the record at fault is found as
 * Confluent's connector finds it, one record at a time: the batch is rolled back, the records are written
 * singly in a new transaction, and at the first refusal that one is rolled back too, the records before the
 * bad one are written and committed, and a FatalError with the bad record's `recordIndex` is thrown (the
 * worker counts the records before it as accepted, and parks or fails on it). If every record goes in
 * singly, the batch is committed so and nothing is thrown. A retriable error (a lost connection, a
 * deadlock) is thrown as it is, without `recordIndex`: nothing was committed, and the worker sends the
 * whole batch again.
 *
 * With `isFirstTry`, a batch refused because a table or column is missing is not searched for a bad record:
 * the table changed since it was described, and the caller reads it again and retries, as Confluent's
 * connector does when it rebuilds its writer.
 */
export async function writeRows(
  db: Database,
  rows: readonly PreparedRow[],
  settings: WriteSettings,
  options: { readonly isFirstTry: boolean } = { isFirstTry: false },
): Promise<void> {
  if (rows.length === 0) return;
  const planned = planStatements(db.dialect, rows, settings.limits);
  try {
    await db.transaction(async () => {
      for (const { statement } of planned) await db.execute(statement.sql, statement.params);
    });
    return;
  } catch (error) {
    const failure = writeError(`cannot write ${rows.length} records in one transaction`, error, settings);
    if (failure.retriable || (options.isFirstTry && isMissingObject(failure))) throw failure;
    settings.logger.warn(
      { records: rows.length, reason: failure.message },
      "the database refused a batch; writing its records one at a time to find the one at fault",
    );
  }
  await writeOneByOne(db, rows, settings);
}

async function writeOneByOne(
  db: Database,
  rows: readonly PreparedRow[],
  settings: WriteSettings,
): Promise<void> {
  // Set inside the transaction's callback, which control-flow analysis does not follow into.
  const found: { bad?: { readonly position: number; readonly error: PluginError } } = {};
  try {
    await db.transaction(async () => {
      for (const [position, row] of rows.entries()) {
        try {
          await writeSingly(db, row, settings);
        } catch (error) {
          const doing = `cannot write record ${row.index} (${row.origin}) to ${db.dialect.qualified(row.shape.table)}`;
          const failure = writeError(doing, error, { secrets: settings.secrets });
          if (failure.retriable) throw failure;
          found.bad = { position, error: writeError(doing, error, { ...settings, recordIndex: row.index }) };
          throw found.bad.error;
        }
      }
    });
    return;
  } catch (error) {
    if (found.bad === undefined) {
      throw writeError(`cannot write ${rows.length} records one at a time`, error, settings);
    }
  }
  const { bad } = found;
  const accepted = rows.slice(0, bad.position);
  if (accepted.length > 0) {
    try {
      await db.transaction(async () => {
        for (const row of accepted) await writeSingly(db, row, settings);
      });
    } catch (error) {
      throw writeError(`cannot write the ${accepted.length} records before the refused one`, error, settings);
    }
  }
  throw bad.error;
}

async function writeSingly(db: Database, row: PreparedRow, settings: WriteSettings): Promise<void> {
  for (const { statement } of planStatements(db.dialect, [row], settings.limits)) {
    await db.execute(statement.sql, statement.params);
  }
}
