/** Source offsets in a compacted Kafka topic, shared by the worker (which writes them) and the coordinator's offsets API. */
export { SourceOffsetStore } from "./source-offset-store.js";
