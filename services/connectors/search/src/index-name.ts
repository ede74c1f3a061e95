import { FatalError } from "@connect-mesh/connector-sdk";

/** The longest index name the engines accept, in bytes. */
const MAX_INDEX_NAME_BYTES = 255;

/** Characters no index name may hold (Elasticsearch's and OpenSearch's rule). */
const FORBIDDEN_CHARACTERS = /[\\/*?"<>| ,#:]/;

/**
 * The index a topic's records go to, as Confluent's connector names it: the topic lower-cased, cut to 255
 * bytes, without a leading `-` or `_` (which the engines refuse), and `.` or `..` spelled with "dot". A
 * topic that still cannot name an index (Kafka allows none of the forbidden characters, but a transform
 * may rename a topic to anything) is refused with a FatalError naming it.
 */
export function indexNameFor(topic: string): string {
  let index = cutToBytes(topic.toLowerCase(), MAX_INDEX_NAME_BYTES);
  if (index.startsWith("-") || index.startsWith("_") || index.startsWith("+")) index = index.slice(1);
  if (index === "." || index === "..") index = index.replaceAll(".", "dot");
  const forbidden = FORBIDDEN_CHARACTERS.exec(index);
  if (index === "" || forbidden !== null) {
    const why = forbidden === null ? "it is empty" : `it holds ${JSON.stringify(forbidden[0])}`;
    throw new FatalError(
      `topic "${topic}" cannot name an index: ${why}; index names may not hold \\ / * ? " < > | , # : or spaces`,
    );
  }
  return index;
}

function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let cut = "";
  for (const character of text) {
    if (Buffer.byteLength(cut + character) > maxBytes) break;
    cut += character;
  }
  return cut;
}
