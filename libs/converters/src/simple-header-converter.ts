import { Schema, SchemaType, type Value } from "@connect-mesh/proto";
import type { HeaderConverter, SchemaAndValue } from "./converter.js";
import { ValuesNestingTooDeep } from "./internal/values-parser.js";
import { Values } from "./values.js";

/**
 * org.apache.kafka.connect.storage.SimpleHeaderConverter, Connect's default `header.converter`: a header
 * value is written as its text (Values.convertToString) in UTF-8, and read back by inferring its type and
 * schema from the text (Values.parseString), so `42` reads as an INT8 and `2019-08-23` as a Date. Schemas
 * are never written. It has no config.
 *
 * Bytes that are not valid UTF-8 are decoded with U+FFFD in place of the bad bytes, as Java's String
 * constructor does. Text nested too deeply to parse comes back as its raw bytes with a BYTES schema, as
 * Connect does when its parser fails that way.
 */
export class SimpleHeaderConverter implements HeaderConverter {
  /** The value's text in UTF-8; null for a null value. */
  fromConnectHeader(
    _topic: string,
    _headerKey: string,
    schema: Schema | undefined,
    value: Value | undefined,
  ): Buffer | null {
    const text = Values.convertToString(schema, value);
    return text === null ? null : Buffer.from(text, "utf8");
  }

  /** The value and schema the text stands for; null bytes give a null value with no schema. */
  toConnectHeader(_topic: string, _headerKey: string, bytes: Buffer | null): SchemaAndValue {
    if (bytes === null) return { schema: undefined, value: undefined };
    try {
      return Values.parseString(bytes.toString("utf8"));
    } catch (e) {
      if (!(e instanceof ValuesNestingTooDeep)) throw e;
      return {
        schema: Schema.fromPartial({ type: SchemaType.SCHEMA_TYPE_BYTES }),
        value: { kind: { $case: "bytesValue", value: bytes } },
      };
    }
  }
}
