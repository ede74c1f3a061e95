import type { Record } from "@connect-mesh/proto";
import { nonEmptyString, type ParsedValue } from "../internal/config-keys.js";
import { JavaPattern } from "../internal/java-regex.js";
import { predicateDef } from "../internal/plugin-def.js";
import { validRegex } from "../internal/regex-key.js";

/** TopicNameMatches: true when the whole topic name matches `pattern`, a Java regular expression. */
export const TOPIC_NAME_MATCHES = predicateDef("TopicNameMatches", {
  documentation:
    "A predicate which is true for records with a topic name that matches the configured regular expression.",
  keys: [
    {
      name: "pattern",
      type: "string",
      importance: "medium",
      documentation: "A Java regular expression for matching against the name of a record's topic.",
      check: (value: ParsedValue) => nonEmptyString(value) ?? validRegex(value),
    },
  ],
  create(config) {
    const pattern = JavaPattern.compile(config.string("pattern"));
    return { test: (record: Record) => pattern.matches(record.topic) };
  },
});
