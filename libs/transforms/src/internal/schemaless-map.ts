import { DataError } from "@connect-mesh/data";
import type { MapEntry, MapValue, Value } from "@connect-mesh/proto";
import { isNull, orNull, stringValue } from "./values.js";

/**
 * A schemaless value's map (Connect's Map<String, Object>), keyed by strings as the converters read JSON
 * objects. Entries keep their order; a key set again keeps its place and a new key goes last (Connect's
 * HashMap has no order at all). Entries whose keys are not strings are kept as they are.
 */
export class SchemalessMap {
  private readonly entries: MapEntry[];

  private constructor(entries: MapEntry[]) {
    this.entries = entries;
  }

  /** A copy of a map value's entries, to change. */
  static copyOf(map: MapValue): SchemalessMap {
    return new SchemalessMap([...map.entries]);
  }

  /** An empty map. */
  static empty(): SchemalessMap {
    return new SchemalessMap([]);
  }

  /** The value under `name`, or undefined when absent or null (Connect's map.get). */
  get(name: string): Value | undefined {
    const value = this.entries[this.indexOf(name)]?.value;
    return isNull(value) ? undefined : value;
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** Sets `name` (Connect's map.put, which stores nulls too). */
  set(name: string, value: Value | undefined): this {
    const entry = { key: stringValue(name), value: orNull(value) };
    const index = this.indexOf(name);
    if (index >= 0) this.entries[index] = entry;
    else this.entries.push(entry);
    return this;
  }

  delete(name: string): this {
    const index = this.indexOf(name);
    if (index >= 0) this.entries.splice(index, 1);
    return this;
  }

  /** The entries with string keys, in order; a non-string key is an error, as Connect's cast to String is. */
  stringEntries(): Array<readonly [string, Value | undefined]> {
    return this.entries.map((entry) => {
      if (entry.key?.kind?.$case !== "stringValue") {
        throw new DataError(`a schemaless map key must be a string, not ${entry.key?.kind?.$case ?? "null"}`);
      }
      return [entry.key.kind.value, isNull(entry.value) ? undefined : entry.value] as const;
    });
  }

  toValue(): Value {
    return { kind: { $case: "mapValue", value: { entries: this.entries } } };
  }

  private indexOf(name: string): number {
    return this.entries.findIndex((e) => e.key?.kind?.$case === "stringValue" && e.key.kind.value === name);
  }
}
