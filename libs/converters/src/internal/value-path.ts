/**
 * Where a value sits inside a record key or value, for error messages: "" for the whole value,
 * "address.zip" for a struct field, "tags[2]" for an array element. Conversion errors name the path so
 * that a failing field can be found in a record with hundreds of them.
 */
export type ValuePath = string;

/** The whole key or value. */
export const ROOT_PATH: ValuePath = "";

/** The path of a struct field or of a map value with a string key. */
export function fieldPath(parent: ValuePath, name: string): ValuePath {
  return parent === ROOT_PATH ? name : `${parent}.${name}`;
}

/** The path of an array element or of a map entry's position. */
export function elementPath(parent: ValuePath, index: number): ValuePath {
  return `${parent}[${index}]`;
}

/** How a path reads in a message: `the value` or `field "address.zip"`. */
export function describePath(path: ValuePath): string {
  return path === ROOT_PATH ? "the value" : `field "${path}"`;
}
