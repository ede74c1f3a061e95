import { transformDef } from "../internal/plugin-def.js";

/** Filter: drops every record it is applied to; meant to be used with a predicate. */
export const FILTER = transformDef("Filter", {
  documentation:
    "Drops all records, filtering them from subsequent transformations in the chain. This is intended to be used conditionally to filter out records matching (or not matching) a particular Predicate.",
  keys: [],
  create: () => ({ apply: () => null }),
});
