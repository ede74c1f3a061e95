/** The versions of the real infrastructure the local stack runs. Each keys its own cache directory. */
export const KAFKA_VERSION = "4.4.0";
/** Kafka's server artifact is built for one Scala version; 2.13 is the only one Kafka 4 ships. */
export const KAFKA_SCALA_VERSION = "2.13";
/** Kafka 4 logs through log4j 2; its SLF4J 2 binding is not among the broker's own dependencies. */
export const LOG4J_VERSION = "2.24.3";
export const SLF4J_VERSION = "2.0.17";
export const ETCD_VERSION = "v3.6.16";
export const JAEGER_VERSION = "v1.76.0";
/** The API fuzzer the integration tests run against the coordinator's OpenAPI document (from PyPI). */
export const SCHEMATHESIS_VERSION = "4.32.5";
/** The last Elasticsearch under the Apache 2.0 licence; its OSS integ-test zip is on Maven Central. */
export const ELASTICSEARCH_VERSION = "7.10.2";
/** The newest OpenSearch that runs on Java 17 (3.x needs Java 21 or newer). */
export const OPENSEARCH_VERSION = "2.19.6";
