import type { Record } from "@connect-mesh/proto";
import { nonEmptyString } from "../internal/config-keys.js";
import { predicateDef } from "../internal/plugin-def.js";

/** HasHeaderKey: true when the record has at least one header with the key `name`. */
export const HAS_HEADER_KEY = predicateDef("HasHeaderKey", {
  documentation: "A predicate which is true for records with at least one header with the configured name.",
  keys: [
    {
      name: "name",
      type: "string",
      importance: "medium",
      documentation: "The header name.",
      check: nonEmptyString,
    },
  ],
  create(config) {
    const name = config.string("name");
    return { test: (record: Record) => record.headers.some((header) => header.key === name) };
  },
});
