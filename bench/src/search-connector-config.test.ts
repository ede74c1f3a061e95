import { describe, expect, it } from "vitest";
import { searchSinkConfig } from "./search-connector-config.js";

describe("searchSinkConfig", () => {
  it("indexes the topic by record position, mapped from the values' schema", () => {
    const config = searchSinkConfig({ engineUrl: "http://127.0.0.1:19200", topic: "bench-search-f-1" });
    expect(config).toEqual({
      "connector.class": "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector",
      "tasks.max": "1",
      "connection.url": "http://127.0.0.1:19200",
      topics: "bench-search-f-1",
      "key.ignore": "true",
      "schema.ignore": "false",
      "key.converter": "org.apache.kafka.connect.json.JsonConverter",
      "key.converter.schemas.enable": "true",
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "true",
    });
  });
});
