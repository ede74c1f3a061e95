/** A table, as the catalog names it: its schema (PostgreSQL) or database (MySQL), and its name. */
export interface TableName {
  readonly schema: string;
  readonly name: string;
}
