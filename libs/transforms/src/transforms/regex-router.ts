import type { Record } from "@connect-mesh/proto";
import { JavaPattern, parseJavaReplacement } from "../internal/java-regex.js";
import { PluginConfigProblem } from "../internal/plugin-config.js";
import { transformDef } from "../internal/plugin-def.js";
import { validRegex } from "../internal/regex-key.js";

/**
 * RegexRouter: renames the topic when the whole topic matches `regex`, replacing the first match with
 * `replacement` (`$1` and `${name}` refer to groups), as Java's Matcher.replaceFirst does.
 */
export const REGEX_ROUTER = transformDef("RegexRouter", {
  documentation:
    "Update the record topic using the configured regular expression and replacement string. Under the hood, the regex is compiled to a java.util.regex.Pattern. If the pattern matches the input topic, java.util.regex.Matcher#replaceFirst() is used with the replacement string to obtain the new topic.",
  keys: [
    {
      name: "regex",
      type: "string",
      importance: "high",
      documentation: "Regular expression to use for matching.",
      check: validRegex,
    },
    { name: "replacement", type: "string", importance: "high", documentation: "Replacement string." },
  ],
  create(config) {
    const pattern = JavaPattern.compile(config.string("regex"));
    const text = config.string("replacement");
    let replacement: ReturnType<typeof parseJavaReplacement>;
    try {
      replacement = parseJavaReplacement(text, pattern);
    } catch (e) {
      // Connect finds this on the first matching record; it can never work, so it is a config problem here.
      throw new PluginConfigProblem(
        "replacement",
        `Invalid value ${text} for configuration {key}: ${(e as Error).message}`,
      );
    }
    return {
      apply(record: Record): Record {
        if (!pattern.matches(record.topic)) return record;
        return { ...record, topic: pattern.replaceFirst(record.topic, replacement) };
      },
    };
  },
});
