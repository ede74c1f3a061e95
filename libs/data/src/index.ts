/** Kafka Connect's logical types on top of the contract's Schema and Value. */
export { DataError } from "./data-error.js";
export { LogicalDecimal } from "./decimal.js";
export {
  batchProblem,
  batchRecords,
  batchSize,
  flatValueOf,
  packRecords,
  type RecordBatch,
  timestampDeltas,
  timestampOf,
  unpackRecords,
} from "./packed-records.js";
export { LogicalDate, LogicalTime, LogicalTimestamp } from "./temporal.js";
