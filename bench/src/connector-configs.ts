/**
 * The connector configs rows C and D both get, over the same REST call: Kafka Connect's file connectors
 * with JsonConverter and schemas for keys and values, set on the connector so that neither runtime's
 * worker defaults decide it. Everything else is each runtime's default (FileStreamSource's batch.size is
 * 2,000 in both). Row E's JDBC connectors get the same converters.
 */
export const JSON_WITH_SCHEMAS = {
  "key.converter": "org.apache.kafka.connect.json.JsonConverter",
  "key.converter.schemas.enable": "true",
  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  "value.converter.schemas.enable": "true",
};

export function fileSourceConfig(file: string, topic: string): Record<string, string> {
  return { "connector.class": "FileStreamSource", "tasks.max": "1", file, topic, ...JSON_WITH_SCHEMAS };
}

export function fileSinkConfig(file: string, topic: string): Record<string, string> {
  return { "connector.class": "FileStreamSink", "tasks.max": "1", file, topics: topic, ...JSON_WITH_SCHEMAS };
}
