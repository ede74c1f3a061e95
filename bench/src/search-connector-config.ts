import { JSON_WITH_SCHEMAS } from "./connector-configs.js";

/**
 * Row F's sink: Confluent's ElasticsearchSinkConnector writing a topic's records into the index named after
 * it. key.ignore=true makes each document's id its record's topic+partition+offset (the records have no
 * key), and schema.ignore stays false, so the sink creates the index with a mapping made from the values'
 * schema. The JsonConverter with schemas reads keys and values, as rows C, D and E have it. Everything else
 * is the connector's defaults (batch.size 2,000, max.in.flight.requests 5).
 */
export function searchSinkConfig(settings: {
  readonly engineUrl: string;
  readonly topic: string;
}): Record<string, string> {
  return {
    "connector.class": "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector",
    "tasks.max": "1",
    "connection.url": settings.engineUrl,
    topics: settings.topic,
    "key.ignore": "true",
    "schema.ignore": "false",
    ...JSON_WITH_SCHEMAS,
  };
}
