import type { Logger } from "@connect-mesh/connector-sdk";
import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import { type ColumnReader, columnReader, columnSchema } from "../schema/column-values.js";
import type { ResultColumn } from "../schema/result-column.js";

/**
 * How the rows of one result become Connect values: the STRUCT schema (named after the table, as in
 * Confluent's connector) and a reader per column. Columns of a type Connect cannot carry are left out with
 * a warning, as Confluent's connector does.
 */
export class RowLayout {
  readonly schema: Schema;
  private readonly readers: readonly {
    readonly index: number;
    readonly name: string;
    readonly read: ColumnReader;
  }[];

  constructor(
    readonly columns: readonly ResultColumn[],
    options: {
      readonly schemaName: string;
      /** Whether a column may hold NULL; columns it does not know are taken as nullable. */
      readonly isNullable: (column: string) => boolean;
      readonly zone: string;
      readonly logger: Logger;
    },
  ) {
    const kept = columns
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => {
        if (column.kind !== "unsupported") return true;
        options.logger.warn(
          { column: column.name, type: column.sqlType },
          "leaving out a column of an unsupported type",
        );
        return false;
      });
    this.schema = Schema.fromPartial({
      type: SchemaType.SCHEMA_TYPE_STRUCT,
      name: options.schemaName,
      fields: kept.map(({ column }, position) => ({
        name: column.name,
        index: position,
        schema: columnSchema(column, options.isNullable(column.name)),
      })),
    });
    this.readers = kept.map(({ column, index }) => ({
      index,
      name: column.name,
      read: columnReader(column, options.zone),
    }));
  }

  /** Whether a new result has the same columns, so this layout still fits it. */
  fits(columns: readonly ResultColumn[]): boolean {
    return (
      columns.length === this.columns.length &&
      columns.every((column, i) => {
        const known = this.columns[i];
        return (
          known !== undefined &&
          known.name === column.name &&
          known.kind === column.kind &&
          known.scale === column.scale
        );
      })
    );
  }

  /** A row as a STRUCT value in the layout's schema. */
  valueOf(row: readonly unknown[]): Value {
    return {
      kind: {
        $case: "structValue",
        value: { fields: this.readers.map(({ index, name, read }) => ({ name, value: read(row[index]) })) },
      },
    };
  }
}
