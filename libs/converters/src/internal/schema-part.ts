import { DataError } from "@connect-mesh/data";
import type { Schema } from "@connect-mesh/proto";
import { connectTypeName } from "./schema-type-names.js";
import { describePath, type ValuePath } from "./value-path.js";

/**
 * A nested schema that the schema's type requires (an ARRAY's elementSchema, a MAP's keySchema, a field's
 * schema). The contract marks them required, but protobuf cannot enforce it, so a malformed schema is
 * reported here rather than failing later with a TypeError.
 *
 * @throws DataError naming the missing part.
 */
export function requiredPart<T>(part: T | undefined, name: string, schema: Schema, path: ValuePath): T {
  if (part === undefined) {
    throw new DataError(`the ${connectTypeName(schema.type)} schema of ${describePath(path)} has no ${name}`);
  }
  return part;
}
