import type { Field, Schema, Value } from "@connect-mesh/proto";

/**
 * Whether two schemas are the same in every field their protobuf encoding carries, compared field by
 * field. It answers what comparing their encodings would, at a fraction of the cost: a converter asks it
 * once per record, to reuse what it made of the previous record's schema.
 */
export function isSameSchema(a: Schema | undefined, b: Schema | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return (
    a.type === b.type &&
    a.optional === b.optional &&
    a.name === b.name &&
    a.version === b.version &&
    a.doc === b.doc &&
    isSameParameters(a.parameters, b.parameters) &&
    isSameFields(a.fields, b.fields) &&
    isSameSchema(a.keySchema, b.keySchema) &&
    isSameSchema(a.valueSchema, b.valueSchema) &&
    isSameSchema(a.elementSchema, b.elementSchema) &&
    isSameValue(a.defaultValue, b.defaultValue)
  );
}

/**
 * Whether two values are the same in every field their protobuf encoding carries: the same kind (an unset
 * kind is not an explicit null), and equal contents, in order. Floats compare as their bits do, so 0 and
 * -0 differ and NaN equals NaN.
 */
export function isSameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const x = a.kind;
  const y = b.kind;
  if (x === undefined || y === undefined) return x === y;
  switch (x.$case) {
    case "nullValue":
    case "boolValue":
    case "intValue":
    case "stringValue":
      return x.$case === y.$case && x.value === y.value;
    case "floatValue":
      return y.$case === "floatValue" && Object.is(x.value, y.value);
    case "bytesValue":
      return y.$case === "bytesValue" && Buffer.compare(x.value, y.value) === 0;
    case "arrayValue":
      return (
        y.$case === "arrayValue" &&
        isSameList(x.value.elements, y.value.elements, (p, q) => isSameValue(p, q))
      );
    case "mapValue":
      return (
        y.$case === "mapValue" &&
        isSameList(
          x.value.entries,
          y.value.entries,
          (p, q) => isSameValue(p.key, q.key) && isSameValue(p.value, q.value),
        )
      );
    case "structValue":
      return (
        y.$case === "structValue" &&
        isSameList(
          x.value.fields,
          y.value.fields,
          (p, q) => p.name === q.name && isSameValue(p.value, q.value),
        )
      );
  }
}

/** Parameters are encoded in their keys' order, so the order counts too. */
function isSameParameters(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  return isSameList(keys, otherKeys, (key, otherKey) => key === otherKey && a[key] === b[key]);
}

function isSameFields(a: readonly Field[], b: readonly Field[]): boolean {
  return isSameList(
    a,
    b,
    (p, q) => p.name === q.name && p.index === q.index && isSameSchema(p.schema, q.schema),
  );
}

function isSameList<T>(a: readonly T[], b: readonly T[], isSame: (p: T, q: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (p === undefined || q === undefined || !isSame(p, q)) return false;
  }
  return true;
}
