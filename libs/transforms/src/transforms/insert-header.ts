import type { Record } from "@connect-mesh/proto";
import { transformDef } from "../internal/plugin-def.js";
import { parseLiteral } from "../internal/values-literal.js";

/**
 * InsertHeader: adds a header with a literal value to every record. The literal is typed as Connect's
 * Values.parseString types it: "42" is an INT8, "true" a BOOLEAN, "2024-01-31" a Date, other text a STRING.
 */
export const INSERT_HEADER = transformDef("InsertHeader", {
  documentation: "Add a header to each record.",
  keys: [
    { name: "header", type: "string", importance: "high", documentation: "The name of the header." },
    {
      name: "value.literal",
      type: "string",
      importance: "high",
      documentation: "The literal value that is to be set as the header value on all records.",
    },
  ],
  create(config) {
    const key = config.string("header");
    const { schema, value } = parseLiteral(config.string("value.literal"));
    return {
      apply: (record: Record): Record => ({
        ...record,
        headers: [...record.headers, { key, value, schema }],
      }),
    };
  },
});
