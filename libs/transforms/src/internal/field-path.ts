import type { Schema, StructValue, Value } from "@connect-mesh/proto";
import { requireMap, requireStruct } from "./requirements.js";
import { SchemalessMap } from "./schemaless-map.js";
import { fieldOf, fieldSchema } from "./schemas.js";
import { fieldValue } from "./structs.js";
import { isNull } from "./values.js";

/** `field.syntax.version` (KIP-821): V1 names a top-level field, V2 a dotted path into nested ones. */
export type FieldSyntaxVersion = "V1" | "V2";

/**
 * Connect's SingleFieldPath: a field name (V1) or a dotted path of names (V2), where a name that holds
 * dots is wrapped in backticks ("`foo.bar`.baz") and a backtick inside one is escaped with a backslash.
 */
export class FieldPath {
  private constructor(readonly steps: readonly string[]) {}

  /** @throws Error with Connect's message for an unclosed backtick. */
  static parse(text: string, version: FieldSyntaxVersion): FieldPath {
    return new FieldPath(version === "V1" ? [text] : parseV2(text));
  }

  /** The schema of the field at the path, or undefined when a step is missing. */
  schemaIn(schema: Schema): Schema | undefined {
    let current = schema;
    for (const step of this.steps) {
      const field = fieldOf(current, step);
      if (field === undefined) return undefined;
      current = fieldSchema(field);
    }
    return current;
  }

  /** The value at the path in a struct; undefined when a step is missing or null. */
  valueInStruct(struct: StructValue, schema: Schema, withDefault: boolean): Value | undefined {
    let currentStruct = struct;
    let currentSchema = schema;
    for (const [i, step] of this.steps.entries()) {
      const field = fieldOf(currentSchema, step);
      if (field === undefined) return undefined;
      const value = fieldValue(currentStruct, field, i === this.steps.length - 1 ? withDefault : true);
      if (i === this.steps.length - 1) return value;
      if (isNull(value)) return undefined;
      currentStruct = requireStruct(value, "nested field access");
      currentSchema = fieldSchema(field);
    }
    return undefined;
  }

  /** The value at the path in a schemaless map; undefined when a step is missing or null. */
  valueInMap(map: SchemalessMap): Value | undefined {
    let current = map;
    for (const [i, step] of this.steps.entries()) {
      const value = current.get(step);
      if (i === this.steps.length - 1 || value === undefined) return value;
      current = SchemalessMap.copyOf(requireMap(value, "nested field access"));
    }
    return undefined;
  }
}

function parseV2(path: string): string[] {
  const steps: string[] = [];
  let idx = 0;
  while (idx < path.length) {
    if (path.charAt(idx) !== "`") {
      const dot = path.indexOf(".", idx);
      steps.push(dot >= 0 ? path.slice(idx, dot) : path.slice(idx));
      idx = dot >= 0 ? dot + 1 : path.length;
      continue;
    }
    const backtickAt = idx;
    idx++;
    let field = "";
    let start = idx;
    for (;;) {
      idx = path.indexOf("`", idx);
      if (idx < 0) throw incompleteBacktick(path, backtickAt);
      const escaped = path.charAt(idx - 1) === "\\";
      if (idx >= path.length - 1) {
        if (escaped) throw incompleteBacktick(path, backtickAt);
        steps.push(field + path.slice(start, idx));
        idx++;
        break;
      }
      if (path.charAt(idx + 1) !== ".") {
        idx++;
        continue;
      }
      if (escaped) {
        field += `${path.slice(start, idx - 1)}\``;
        idx++;
        start = idx;
        continue;
      }
      steps.push(field + path.slice(start, idx));
      idx += 2;
      break;
    }
  }
  if (path.endsWith(".")) steps.push("");
  return steps;
}

function incompleteBacktick(path: string, at: number): Error {
  return new Error(
    `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${at} to escape it`,
  );
}
