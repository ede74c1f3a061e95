import { createHash } from "node:crypto";
import type { Verification } from "./file-compare.js";

/** A row as text, keyed by its integer id: what both databases are asked for, column by column. */
export interface DigestRow {
  readonly id: number;
  /** Every column as the database writes it as text, id first; the same SQL shape in both databases. */
  readonly cells: readonly string[];
}

/** Reads up to `limit` rows with ids above `afterId`, in id order. */
export type PageReader = (afterId: number, limit: number) => Promise<readonly DigestRow[]>;

/** A table's row count and a SHA-256 over its rows in id order. */
export interface TableDigest {
  readonly rows: number;
  readonly sha256: string;
}

/**
 * Reads a whole table page by page in id order (keyset pagination: each page starts after the last id
 * seen, so memory stays one page whatever the table's size) and hashes each row's cells as one JSON line.
 * Ids start above 0, as AUTO_INCREMENT and the sink's copy of it do.
 */
export async function digestTable(readPage: PageReader, pageRows = 10_000): Promise<TableDigest> {
  const hash = createHash("sha256");
  let rows = 0;
  let afterId = 0;
  for (;;) {
    const page = await readPage(afterId, pageRows);
    for (const row of page) {
      if (row.id <= afterId)
        throw new Error(
          `rows came out of id order: ${row.id} after ${afterId}; the page query must ORDER BY id`,
        );
      hash.update(`${JSON.stringify(row.cells)}\n`);
      afterId = row.id;
    }
    rows += page.length;
    if (page.length < pageRows) return { rows, sha256: hash.digest("hex") };
  }
}

/** Whether the target table holds exactly the source table's rows. */
export function compareDigests(source: TableDigest, target: TableDigest): Verification {
  const method = "count + SHA-256";
  if (target.rows !== source.rows)
    return {
      isOk: false,
      method,
      detail: `PostgreSQL holds ${target.rows} rows for MariaDB's ${source.rows}`,
    };
  if (target.sha256 !== source.sha256)
    return {
      isOk: false,
      method,
      detail: `the ${source.rows} rows differ in content: SHA-256 ${target.sha256.slice(0, 12)}… in PostgreSQL, ${source.sha256.slice(0, 12)}… in MariaDB`,
    };
  return {
    isOk: true,
    method,
    detail: `${source.rows} rows, SHA-256 ${source.sha256.slice(0, 12)}… on both sides`,
  };
}
