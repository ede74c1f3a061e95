import { LogicalDate, LogicalDecimal, LogicalTime, LogicalTimestamp } from "@connect-mesh/data";
import { Schema, SchemaType } from "@connect-mesh/proto";
import type { TemporalKind } from "./iso-temporal.js";

const T = SchemaType;

/** Connect's required primitive schema of a type (Schema.INT8_SCHEMA and the like). */
export function primitiveSchema(type: SchemaType): Schema {
  return Schema.fromPartial({ type });
}

/** Connect's Date.SCHEMA, Time.SCHEMA or Timestamp.SCHEMA. */
export function temporalSchema(kind: TemporalKind): Schema {
  if (kind === "date") return LogicalDate.schema();
  return kind === "time" ? LogicalTime.schema() : LogicalTimestamp.schema();
}

/**
 * Connect's Decimal.schema(scale). The scale may be negative here, as in Connect (1e400 has scale -400),
 * though LogicalDecimal.schema refuses one.
 */
export function decimalSchema(scale: number): Schema {
  return Schema.fromPartial({
    type: T.SCHEMA_TYPE_BYTES,
    name: LogicalDecimal.name,
    version: 1,
    parameters: { scale: String(scale) },
  });
}

/**
 * An array schema; without an element schema when the elements have none in common (or are all null).
 * The element schema is referenced, not copied (as Schema.fromPartial would), so nesting stays linear.
 */
export function arraySchema(elementSchema: Schema | undefined): Schema {
  return { ...Schema.fromPartial({ type: T.SCHEMA_TYPE_ARRAY }), elementSchema };
}

/** A map schema; without a key or value schema when those have none in common. */
export function mapSchema(keySchema: Schema | undefined, valueSchema: Schema | undefined): Schema {
  return { ...Schema.fromPartial({ type: T.SCHEMA_TYPE_MAP }), keySchema, valueSchema };
}

/** Which types a value of each numeric type may widen to, in Connect's order of width. */
const NUMERIC_ORDER: readonly SchemaType[] = [
  T.SCHEMA_TYPE_INT8,
  T.SCHEMA_TYPE_INT16,
  T.SCHEMA_TYPE_INT32,
  T.SCHEMA_TYPE_INT64,
  T.SCHEMA_TYPE_FLOAT32,
  T.SCHEMA_TYPE_FLOAT64,
];

/**
 * The schema Connect's Values gives the elements of an array (or the keys or values of a map), one
 * element's schema at a time (its SchemaMerger). Nulls are skipped. Numbers widen to the wider of two
 * numeric types, and that schema is taken whole, logical type included: an INT8 and a Date (an INT32)
 * make a Date. Two schemas of the same type make the later one, whatever else differs, so [[1],["a"]] has
 * the element schema of ["a"]. Anything else has no common schema, and then nothing later changes that.
 */
export class SchemaMerger {
  private common: Schema | undefined;
  private isCompatible = true;

  merge(latest: Schema | undefined): void {
    if (latest === undefined || !this.isCompatible) return;
    if (this.common === undefined) {
      this.common = latest;
      return;
    }
    this.common = mergeSchemas(this.common, latest);
    this.isCompatible = this.common !== undefined;
  }

  /** The common schema, or undefined when there is none. */
  schema(): Schema | undefined {
    return this.common;
  }
}

function mergeSchemas(previous: Schema, latest: Schema): Schema | undefined {
  if (previous.type === latest.type) {
    // Connect compares the schemas in full only when one is optional and the other is not; inferred
    // schemas are all required, so the later one wins.
    if (previous.optional === latest.optional) return previous.optional ? previous : latest;
    return undefined;
  }
  const previousRank = NUMERIC_ORDER.indexOf(previous.type);
  const latestRank = NUMERIC_ORDER.indexOf(latest.type);
  if (previousRank < 0 || latestRank < 0) return undefined;
  return latestRank > previousRank ? latest : previous;
}
