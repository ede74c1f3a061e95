/**
 * Kafka Connect's single message transforms (SMTs) and predicates on the contract's records, and the
 * chains a connector config builds from them (`transforms`, `predicates`).
 *
 * - Build a connector's chain once with `TransformChain.fromConfig(config)` and run each record through
 *   `chain.apply(record)`: the result is the transformed record, or null when a stage dropped it. A stage
 *   that fails throws a `TransformError` carrying the alias and class (Connect's stage TRANSFORMATION).
 * - `validateTransformConfig(config)` lists every config problem as `{ key, message }` under its full key,
 *   for the validate endpoint; `fromConfig` throws the same problems as a `TransformConfigError`.
 * - `transformPluginDescriptors()` and `findTransformPlugin(name)` describe the classes for
 *   `GET /connector-plugins?connectorsOnly=false` and `GET /connector-plugins/{plugin}/config`.
 *
 * Classes are named as in Connect (`org.apache.kafka.connect.transforms.MaskField$Value`) or by their
 * short alias (`MaskField$Value`). See the README for what differs from Connect.
 */

export type { TransformPluginDescriptor } from "./plugins.js";
export { findTransformPlugin, TRANSFORMS_VERSION, transformPluginDescriptors } from "./plugins.js";
export type { TransformStageInfo } from "./transform-chain.js";
export { TransformChain, validateTransformConfig } from "./transform-chain.js";
export { TransformConfigError } from "./transform-config-error.js";
export { TransformError } from "./transform-error.js";
export type { ConfigIssue, ConnectorConfigMap } from "./transformation.js";
