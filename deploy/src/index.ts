/**
 * The local stack: real Apache Kafka (KRaft), etcd, (with tracing) Jaeger and (on request) MariaDB,
 * PostgreSQL, Elasticsearch and OpenSearch, fetched, built, started and stopped by the project itself.
 */
export type { Health, HealthProbe, RunningComponent } from "./component.js";
export { type StartChanges, startComponents, stopComponent } from "./component-control.js";
export type { JaegerPorts, TracingEndpoints } from "./jaeger.js";
export { installKafkaTools } from "./kafka-install.js";
export type { MavenArtifact, MavenInstallRequest } from "./maven-install.js";
export { installFromMaven } from "./maven-install.js";
export { workerComponents } from "./mesh-services.js";
export {
  OPTIONAL_COMPONENTS,
  type OptionalComponent,
  parseOptionalComponents,
} from "./optional-components.js";
export { findFreePort } from "./ports.js";
export type { Progress } from "./progress.js";
export { silent } from "./progress.js";
export type { SchemathesisInstall } from "./schemathesis-install.js";
export { installSchemathesis } from "./schemathesis-install.js";
export type { SearchEngine } from "./search-engines.js";
export type { ComponentStatus, UpResult } from "./stack.js";
export { downStack, stackStatus, upStack } from "./stack.js";
export type { StackConfig } from "./stack-config.js";
export {
  DEFAULT_PORTS,
  parsePort,
  parseWorkerCount,
  stackConfigFromEnv,
} from "./stack-config.js";
export { StackError } from "./stack-error.js";
export { type RecordedComponent, readStackState, type StackState } from "./stack-state.js";
export { type StandaloneJaeger, startStandaloneJaeger } from "./standalone-jaeger.js";
export {
  type StandaloneSearchEngine,
  startStandaloneSearchEngine,
} from "./standalone-search-engine.js";
export {
  ELASTICSEARCH_VERSION,
  ETCD_VERSION,
  JAEGER_VERSION,
  KAFKA_VERSION,
  OPENSEARCH_VERSION,
  SCHEMATHESIS_VERSION,
} from "./versions.js";
