import type { Verification } from "./file-compare.js";
import { expectedIdSum } from "./search-documents.js";
import type { IdStats } from "./search-engine-rest.js";

/**
 * Row F's check of the refreshed index against the `documents` records produced (ids 1 to N): it must count
 * exactly N documents, no fewer (a record lost) and no more (with key.ignore=true a document's id is its
 * record's topic+partition+offset, so a record delivered twice is indexed again under the same id, and more
 * than N would be a document that is none of the topic's records). Their `id` fields must run from 1 to N
 * and add up to N(N+1)/2, which says the documents hold the records' values, not only that they exist.
 */
export function checkIndex(documents: number, count: number, ids: IdStats): Verification {
  const method = "count + id sum";
  const sum = expectedIdSum(documents);
  if (count !== documents)
    return { isOk: false, method, detail: `the index counts ${count} documents for ${documents} records` };
  if (ids.count !== documents || ids.min !== 1 || ids.max !== documents || ids.sum !== sum)
    return {
      isOk: false,
      method,
      detail: `the documents' ids are ${ids.count} from ${ids.min} to ${ids.max} adding up to ${ids.sum}, not ${documents} from 1 to ${documents} adding up to ${sum}`,
    };
  return { isOk: true, method, detail: `${count} documents, ids 1 to ${documents} adding up to ${sum}` };
}
