import type { Record } from "@connect-mesh/proto";
import { nonEmptyList } from "../internal/config-keys.js";
import { transformDef } from "../internal/plugin-def.js";

/** DropHeaders: removes every header whose key is listed. */
export const DROP_HEADERS = transformDef("DropHeaders", {
  documentation: "Removes one or more headers from each record.",
  keys: [
    {
      name: "headers",
      type: "list",
      importance: "high",
      documentation: "The name of the headers to be removed.",
      check: nonEmptyList,
    },
  ],
  create(config) {
    const dropped = new Set(config.list("headers"));
    return {
      apply: (record: Record): Record => ({
        ...record,
        headers: record.headers.filter((header) => !dropped.has(header.key)),
      }),
    };
  },
});
