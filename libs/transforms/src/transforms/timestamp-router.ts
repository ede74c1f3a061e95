import { DataError } from "@connect-mesh/data";
import type { Record } from "@connect-mesh/proto";
import { validDateFormat } from "../internal/date-format-key.js";
import { JavaDateFormat } from "../internal/java-date-format.js";
import { transformDef } from "../internal/plugin-def.js";

/** Connect's placeholders, literal text rather than template strings. */
const TOPIC = ["$", "{topic}"].join("");
const TIMESTAMP = ["$", "{timestamp}"].join("");

/**
 * TimestampRouter: renames the topic from `topic.format`, where `${topic}` is the topic and `${timestamp}`
 * the record's timestamp in `timestamp.format` (UTC). A record without a timestamp is an error.
 */
export const TIMESTAMP_ROUTER = transformDef("TimestampRouter", {
  documentation:
    "Update the record's topic field as a function of the original topic value and the record timestamp. This is mainly useful for sink connectors, since the topic field is often used to determine the equivalent entity name in the destination system(e.g. database table or search index name).",
  keys: [
    {
      name: "topic.format",
      type: "string",
      defaultValue: `${TOPIC}-${TIMESTAMP}`,
      importance: "high",
      documentation: `Format string which can contain <code>${TOPIC}</code> and <code>${TIMESTAMP}</code> as placeholders for the topic and timestamp, respectively.`,
    },
    {
      name: "timestamp.format",
      type: "string",
      defaultValue: "yyyyMMdd",
      importance: "high",
      documentation:
        "Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.",
      check: validDateFormat,
    },
  ],
  create(config) {
    const topicFormat = config.string("topic.format");
    const timestampFormat = JavaDateFormat.compile(config.string("timestamp.format"));
    return {
      apply(record: Record): Record {
        if (record.timestampMs === undefined) {
          throw new DataError(
            `Timestamp missing on record: topic=${record.topic}, partition=${record.kafkaPartition ?? "none"}`,
          );
        }
        const timestamp = timestampFormat.format(Number(record.timestampMs));
        const topic = topicFormat.replaceAll(TOPIC, record.topic).replaceAll(TIMESTAMP, timestamp);
        return { ...record, topic };
      },
    };
  },
});
