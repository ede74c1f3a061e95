import type { Schema } from "@connect-mesh/proto";

/**
 * A value as the Java object Connect's Values.parseString builds, before it becomes a Data API Value.
 *
 * Parsing works on these rather than on Values because Connect decides by Java class: two numbers are the
 * same map key only if they are the same class (Byte 1 is not Short 1), and a parsed date, time or
 * timestamp is one class, java.util.Date, whose days-or-milliseconds encoding is only fixed once the
 * array or map around it has settled on a schema.
 */
export type ConnectObject =
  | { readonly type: "boolean"; readonly value: boolean }
  | { readonly type: "int8" | "int16" | "int32" | "int64"; readonly value: bigint }
  | { readonly type: "float32" | "float64"; readonly value: number }
  | { readonly type: "decimal"; readonly unscaled: bigint; readonly scale: number }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "date"; readonly epochMs: number }
  | { readonly type: "list"; readonly items: readonly (Parsed | null)[] }
  | { readonly type: "map"; readonly entries: readonly ParsedEntry[] };

/** A parsed value with the schema Connect gives it. Null (Connect's null) is a value without either. */
export interface Parsed {
  readonly schema: Schema;
  readonly value: ConnectObject;
}

/** A map entry; keys are never null (Connect refuses a null key). */
export type ParsedEntry = readonly [key: Parsed, value: Parsed | null];

/**
 * A text that two objects share exactly when Java's equals says they are equal, which decides when two map
 * keys are the same key: same class and same value; a decimal's scale counts (1.0 is not 1.00); floats
 * compare by bits (0.0 is not -0.0); lists element by element; maps entry by entry in any order.
 */
export function equalityKey(object: ConnectObject | undefined): string {
  if (object === undefined) return "null";
  switch (object.type) {
    case "decimal":
      return `decimal:${object.unscaled}:${object.scale}`;
    case "date":
      return `date:${object.epochMs}`;
    case "float32":
    case "float64":
      return `${object.type}:${Object.is(object.value, -0) ? "-0" : String(object.value)}`;
    case "string":
      return `string:${JSON.stringify(object.value)}`;
    case "list":
      return `list:[${object.items.map((item) => equalityKey(item?.value)).join(",")}]`;
    case "map": {
      const entries = object.entries.map(([k, v]) => `${equalityKey(k.value)}=${equalityKey(v?.value)}`);
      return `map:{${entries.sort().join(",")}}`;
    }
    default:
      return `${object.type}:${object.value}`;
  }
}

/**
 * Builds a map's entries as Java's LinkedHashMap.put does: a key already there keeps its place (and its
 * first key object) and takes the new value; a new key goes last.
 */
export class ConnectMapBuilder {
  readonly entries: ParsedEntry[] = [];
  private readonly indexes = new Map<string, number>();

  put(key: Parsed, value: Parsed | null): void {
    const equality = equalityKey(key.value);
    const index = this.indexes.get(equality);
    const existing = index === undefined ? undefined : this.entries[index];
    if (index === undefined || existing === undefined) {
      this.indexes.set(equality, this.entries.length);
      this.entries.push([key, value]);
    } else {
      this.entries[index] = [existing[0], value];
    }
  }
}
