/**
 * Freezes an object and everything reachable from it, except byte buffers (a typed array with elements
 * cannot be frozen). Used on schemas that a cache hands to many records: Connect's schemas are immutable
 * and shared in the same way, and freezing turns an accidental edit of one record's schema, which would
 * change every record sharing it, into a TypeError at the edit.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) {
    return value;
  }
  Object.freeze(value);
  for (const member of Object.values(value)) deepFreeze(member);
  return value;
}
