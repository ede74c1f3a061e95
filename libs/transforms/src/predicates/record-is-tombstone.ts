import type { Record } from "@connect-mesh/proto";
import { predicateDef } from "../internal/plugin-def.js";
import { isNull } from "../internal/values.js";

/** RecordIsTombstone: true when the record's value is null, whatever its schema. */
export const RECORD_IS_TOMBSTONE = predicateDef("RecordIsTombstone", {
  documentation: "A predicate which is true for records which are tombstones (i.e. have null value).",
  keys: [],
  create: () => ({ test: (record: Record) => isNull(record.value) }),
});
