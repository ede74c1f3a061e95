import { describe, expect, it } from "vitest";
import { compareDigests, type DigestRow, digestTable, type PageReader } from "./table-digest.js";

const row = (id: number, amount = "1.00"): DigestRow => ({ id, cells: [String(id), `name ${id}`, amount] });

/** A table in memory, read the way the databases are: ids above `afterId`, in order, at most `limit`. */
function tableOf(rows: readonly DigestRow[]): PageReader & { pagesRead: number } {
  const reader = async (afterId: number, limit: number) => {
    reader.pagesRead += 1;
    return rows.filter((r) => r.id > afterId).slice(0, limit);
  };
  reader.pagesRead = 0;
  return reader;
}

describe("digestTable", () => {
  it("reads every row page by page and counts them", async () => {
    const table = tableOf(Array.from({ length: 25 }, (_, i) => row(i + 1)));
    const digest = await digestTable(table, 10);
    expect(digest.rows).toBe(25);
    expect(table.pagesRead).toBe(3);
  });

  it("gives the same digest whatever the page size", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1));
    expect(await digestTable(tableOf(rows), 10)).toEqual(await digestTable(tableOf(rows), 1_000));
  });

  it("tells tables apart by one cell", async () => {
    const rows = [row(1), row(2), row(3)];
    const changed = [row(1), row(2, "1.0"), row(3)];
    expect((await digestTable(tableOf(rows))).sha256).not.toBe((await digestTable(tableOf(changed))).sha256);
  });

  it("refuses rows out of id order, which would hash a different table", async () => {
    const unordered: PageReader = async () => [row(2), row(1)];
    await expect(digestTable(unordered)).rejects.toThrow(/out of id order/);
  });
});

describe("compareDigests", () => {
  const source = { rows: 3, sha256: "a".repeat(64) };

  it("passes a target with the same count and checksum", () => {
    expect(compareDigests(source, { ...source })).toMatchObject({ isOk: true, method: "count + SHA-256" });
  });

  it.each([
    [{ rows: 2, sha256: "a".repeat(64) }, /holds 2 rows for MariaDB's 3/],
    [{ rows: 3, sha256: "b".repeat(64) }, /differ in content/],
  ])("fails %j, saying how", (target, detail) => {
    const verification = compareDigests(source, target);
    expect(verification.isOk).toBe(false);
    expect(verification.detail).toMatch(detail);
  });
});
