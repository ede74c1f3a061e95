import { DataError } from "@connect-mesh/data";
import { SchemaType } from "@connect-mesh/proto";
import { ConnectMapBuilder, type ConnectObject, type Parsed } from "./connect-object.js";
import { parseIsoTemporal } from "./iso-temporal.js";
import { doubleValueOf, exactLong, floatValueOf, parseJavaBigDecimal } from "./java-big-decimal.js";
import { javaDigit } from "./java-digit.js";
import { alignTo, ValuesParseFailure } from "./values-align.js";
import {
  arraySchema,
  decimalSchema,
  mapSchema,
  primitiveSchema,
  SchemaMerger,
  temporalSchema,
} from "./values-schemas.js";
import { isBlank, javaTrim, ValuesTokenizer } from "./values-tokenizer.js";

const T = SchemaType;

/**
 * How deeply arrays and maps may nest. Connect has no limit of its own and fails with a StackOverflowError
 * somewhere in the thousands, which SimpleHeaderConverter catches; here the limit is fixed and the same
 * thing happens (see ValuesNestingTooDeep).
 */
const MAX_DEPTH = 1000;

/** The text nests arrays and maps deeper than MAX_DEPTH levels. */
export class ValuesNestingTooDeep extends DataError {
  constructor() {
    super(`the text nests arrays and maps more than ${MAX_DEPTH} levels deep`);
  }
}

/** Each integer type and its range, smallest first: a parsed integer takes the first it fits. */
const INTEGER_TYPES = [
  { bits: 8, type: "int8", schemaType: T.SCHEMA_TYPE_INT8 },
  { bits: 16, type: "int16", schemaType: T.SCHEMA_TYPE_INT16 },
  { bits: 32, type: "int32", schemaType: T.SCHEMA_TYPE_INT32 },
  { bits: 64, type: "int64", schemaType: T.SCHEMA_TYPE_INT64 },
] as const;

/**
 * Reads text as Connect's Values.parseString does, quirks included, since a header written by one Connect
 * worker must read the same on ours. Null is Connect's null (the text "null", whitespace around it allowed).
 *
 * - "true" and "false" are booleans, when they are the whole text.
 * - A number is an INT8, INT16, INT32 or INT64, the smallest that holds it, when it is whole ("1.0" is INT8
 *   1); otherwise a FLOAT32 when in float range, even if that loses digits; otherwise a FLOAT64; a whole
 *   number beyond INT64, or one beyond double range, is a Decimal of its own scale.
 * - "2019-08-23", "14:34:54.346Z" and "2019-08-23T14:34:54.346Z" are a Date, a Time and a Timestamp (see
 *   parseIsoTemporal).
 * - "[…]" is an array and "{k:v,…}" a map, whose elements are written as above, strings in double quotes
 *   (a quoted date is a date; the quotes' escapes are kept as they are). The elements share a schema when
 *   their types allow it (numbers widen), and are converted to it; otherwise the array or map has no
 *   element schema. An array or map that cannot be read, or whose elements cannot share their schema
 *   ([1, null]), is a string.
 * - Only the first token of a number or date counts: "12:30" is INT8 12, as in Connect.
 * - Everything else is the whole text as a STRING.
 *
 * @throws ValuesNestingTooDeep for arrays and maps nested more than 1000 deep.
 */
export function parseValuesText(text: string): Parsed | null {
  if (text === "") return stringOf("");
  return new ValuesParser(new ValuesTokenizer(text)).parse(false, 0);
}

class ValuesParser {
  constructor(private readonly tokens: ValuesTokenizer) {}

  parse(isEmbedded: boolean, depth: number): Parsed | null {
    const tokens = this.tokens;
    if (!tokens.hasNext()) return null;
    if (isEmbedded && tokens.canConsume('"')) return this.parseQuotedString();
    if (this.canParseLiteral(isEmbedded, "null")) return null;
    if (this.canParseLiteral(isEmbedded, "true")) return booleanOf(true);
    if (this.canParseLiteral(isEmbedded, "false")) return booleanOf(false);
    const start = tokens.mark();
    try {
      if (tokens.canConsume("[")) return this.parseArray(depth + 1);
      if (tokens.canConsume("{")) return this.parseMap(depth + 1);
    } catch (e) {
      if (!(e instanceof ValuesParseFailure)) throw e;
      tokens.rewindTo(start);
    }
    const token = tokens.next();
    if (isBlank(token)) return stringOf(token);
    return this.parseToken(isEmbedded, javaTrim(token));
  }

  /**
   * Whether the next token is the literal. At the top level it must also be the last token, so "true}" is
   * a string, not true.
   */
  private canParseLiteral(isEmbedded: boolean, literal: string): boolean {
    const start = this.tokens.mark();
    if (this.tokens.canConsume(literal) && (isEmbedded || !this.tokens.hasNext())) return true;
    this.tokens.rewindTo(start);
    return false;
  }

  private parseToken(isEmbedded: boolean, token: string): Parsed {
    const first = token.charAt(0);
    const isDigit = javaDigit(first) >= 0;
    if (isDigit) {
      const temporal = this.parseTemporalTokens(token);
      if (temporal !== undefined) return temporal;
    }
    if (isDigit || first === "+" || first === "-") {
      const number = parseNumber(token);
      if (number !== undefined) return number;
    }
    if (isEmbedded) throw new ValuesParseFailure(`"${token}" is not a value inside an array or map`);
    return stringOf(this.tokens.original);
  }

  /** A time or timestamp spans five tokens, since its colons are delimiters; a date is one token. */
  private parseTemporalTokens(token: string): Parsed | undefined {
    const position = this.tokens.mark();
    const rest = this.tokens.nextTokens(4);
    const spanning = rest === undefined ? undefined : parseTemporal(token + rest);
    if (spanning !== undefined) return spanning;
    this.tokens.rewindTo(position);
    return parseTemporal(token);
  }

  private parseQuotedString(): Parsed {
    let content = "";
    while (this.tokens.hasNext()) {
      if (this.tokens.canConsume('"')) break;
      content += this.tokens.next();
    }
    return parseTemporal(content) ?? stringOf(content);
  }

  private parseArray(depth: number): Parsed {
    if (depth > MAX_DEPTH) throw new ValuesNestingTooDeep();
    const tokens = this.tokens;
    const items: (Parsed | null)[] = [];
    const elementSchema = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume("]")) {
        const common = elementSchema.schema();
        if (common === undefined) return { schema: arraySchema(undefined), value: { type: "list", items } };
        const aligned = items.map((item) => alignTo(common, item));
        return { schema: arraySchema(common), value: { type: "list", items: aligned } };
      }
      if (tokens.canConsume(",")) throw new ValuesParseFailure("an array element is empty");
      const element = this.parse(true, depth);
      elementSchema.merge(element?.schema);
      items.push(element);
      const position = tokens.mark();
      if (tokens.canConsume("]")) tokens.rewindTo(position);
      else if (!tokens.canConsume(","))
        throw new ValuesParseFailure("array elements need a ',' between them");
    }
    throw new ValuesParseFailure("the array has no closing ']'");
  }

  private parseMap(depth: number): Parsed {
    if (depth > MAX_DEPTH) throw new ValuesNestingTooDeep();
    const tokens = this.tokens;
    const map = new ConnectMapBuilder();
    const keySchema = new SchemaMerger();
    const valueSchema = new SchemaMerger();
    while (tokens.hasNext()) {
      if (tokens.canConsume("}")) return alignedMap(map, keySchema.schema(), valueSchema.schema());
      if (tokens.canConsume(",")) throw new ValuesParseFailure("a map entry is empty");
      const key = this.parse(true, depth);
      if (key === null) throw new ValuesParseFailure("a map key cannot be null");
      if (!tokens.canConsume(":")) throw new ValuesParseFailure("a map entry needs a ':'");
      const value = this.parse(true, depth);
      map.put(key, value);
      tokens.canConsume(",");
      keySchema.merge(key.schema);
      valueSchema.merge(value?.schema);
    }
    throw new ValuesParseFailure("the map has no closing '}'");
  }
}

/**
 * A map whose keys (and values, when they too share a schema) are converted to their common schema. When
 * the keys share none, neither is converted and the map schema has neither, as in Connect.
 */
function alignedMap(
  map: ConnectMapBuilder,
  commonKey: Parsed["schema"] | undefined,
  commonValue: Parsed["schema"] | undefined,
): Parsed {
  if (commonKey === undefined) {
    return { schema: mapSchema(undefined, undefined), value: { type: "map", entries: map.entries } };
  }
  const aligned = new ConnectMapBuilder();
  for (const [key, value] of map.entries) {
    aligned.put(alignTo(commonKey, key), commonValue === undefined ? value : alignTo(commonValue, value));
  }
  return { schema: mapSchema(commonKey, commonValue), value: { type: "map", entries: aligned.entries } };
}

/** A Date, Time or Timestamp; colons escaped with a backslash count as colons. */
function parseTemporal(text: string): Parsed | undefined {
  const temporal = parseIsoTemporal(text.replaceAll("\\:", ":"));
  if (temporal === undefined) return undefined;
  return { schema: temporalSchema(temporal.kind), value: { type: "date", epochMs: temporal.epochMs } };
}

function parseNumber(token: string): Parsed | undefined {
  const decimal = parseJavaBigDecimal(token);
  if (decimal === undefined) return undefined;
  const integer = exactLong(decimal);
  if (integer !== undefined) {
    const fit =
      INTEGER_TYPES.find(({ bits }) => BigInt.asIntN(bits, integer) === integer) ?? INTEGER_TYPES[3];
    return { schema: primitiveSchema(fit.schemaType), value: { type: fit.type, value: integer } };
  }
  const float = floatValueOf(decimal);
  if (Number.isFinite(float) && decimal.scale !== 0) {
    return { schema: primitiveSchema(T.SCHEMA_TYPE_FLOAT32), value: { type: "float32", value: float } };
  }
  const double = doubleValueOf(decimal);
  if (Number.isFinite(double) && decimal.scale !== 0) {
    return { schema: primitiveSchema(T.SCHEMA_TYPE_FLOAT64), value: { type: "float64", value: double } };
  }
  const value: ConnectObject = { type: "decimal", unscaled: decimal.unscaled, scale: decimal.scale };
  return { schema: decimalSchema(decimal.scale), value };
}

function stringOf(value: string): Parsed {
  return { schema: primitiveSchema(T.SCHEMA_TYPE_STRING), value: { type: "string", value } };
}

function booleanOf(value: boolean): Parsed {
  return { schema: primitiveSchema(T.SCHEMA_TYPE_BOOLEAN), value: { type: "boolean", value } };
}
