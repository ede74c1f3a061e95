/**
 * The rows of row E's source table, made up the same way every run so that any two runs copy the same
 * data. Each row is a function of its id alone; ids are MariaDB's AUTO_INCREMENT, 1 to N in insert order.
 */

/** The source table's columns: the four kinds of column the task asks for, none nullable. */
export const SOURCE_COLUMNS = [
  "id INT AUTO_INCREMENT PRIMARY KEY",
  "name VARCHAR(64) NOT NULL",
  "amount DECIMAL(10,2) NOT NULL",
  "created_at DATETIME(3) NOT NULL",
] as const;

/** Places with letters beyond ASCII, so that the copy is checked for text encoding too. */
const PLACES = ["Zürich", "São Paulo", "Kraków", "Tōkyō", "Reykjavík", "Lyon"] as const;

/** The first row's created_at; each next row is 1.001 s later, so milliseconds vary too. */
const FIRST_CREATED_AT_MS = Date.UTC(2026, 0, 1);
const CREATED_AT_STEP_MS = 1_001;

/** The values of row `id` for (name, amount, created_at), as MariaDB takes them in an INSERT. */
export function sourceRowValues(id: number): [name: string, amount: string, createdAt: string] {
  const place = PLACES[id % PLACES.length] ?? "";
  // A multiplier prime to 10^6 walks every cent amount below 10,000.00 before repeating.
  const cents = (id * 7_919) % 1_000_000;
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  // DATETIME(3) takes "YYYY-MM-DD HH:MM:SS.mmm"; the server keeps UTC, as toISOString writes it.
  const createdAt = new Date(FIRST_CREATED_AT_MS + id * CREATED_AT_STEP_MS)
    .toISOString()
    .slice(0, 23)
    .replace("T", " ");
  return [`customer ${id}, ${place}`, amount, createdAt];
}

/** The ids of `total` rows in chunks of at most `chunkRows`, for multi-row INSERTs: [first, last] inclusive. */
export function idChunks(total: number, chunkRows: number): Array<readonly [first: number, last: number]> {
  const chunks: Array<readonly [number, number]> = [];
  for (let first = 1; first <= total; first += chunkRows)
    chunks.push([first, Math.min(total, first + chunkRows - 1)]);
  return chunks;
}
