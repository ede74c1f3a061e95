import { type ConfigProblem, defineSinkPlugin, type SinkPlugin } from "@connect-mesh/connector-sdk";
import { isRefusedCredentials } from "./engine-errors.js";
import { SearchClient } from "./search-client.js";
import { type OpenClient, SearchSinkTask } from "./search-sink-task.js";
import { type SearchSinkConfig, searchSinkConfig } from "./sink-config.js";
import { assertValid, configProblems } from "./sink-config-rules.js";
import { type SearchSinkSettings, searchSinkSettings } from "./sink-settings.js";
import { SEARCH_CONNECTOR_VERSION } from "./version.js";

/** Confluent's ElasticsearchSinkConnector's class name, which users write in connector.class. */
export const ELASTICSEARCH_SINK_CLASS = "io.confluent.connect.elasticsearch.ElasticsearchSinkConnector";

const openSearchClient: OpenClient = (settings) => new SearchClient(settings.connection);

/**
 * Confluent's Elasticsearch sink, for Elasticsearch 7 and OpenSearch: indexes each record's value as a
 * document of the index named after its topic, by id (the record key, or topic+partition+offset), and
 * deletes on tombstones when asked. Like Confluent's, it plans `tasks.max` identical tasks; the runtime
 * shares the topics' partitions among them.
 */
export function searchSink(openClient: OpenClient = openSearchClient): SinkPlugin<SearchSinkConfig> {
  return defineSinkPlugin({
    className: ELASTICSEARCH_SINK_CLASS,
    aliases: ["ElasticsearchSinkConnector", "ElasticsearchSink", "OpenSearchSinkConnector", "OpenSearchSink"],
    version: SEARCH_CONNECTOR_VERSION,
    description: "Writes records from Kafka topics as documents into Elasticsearch 7 or OpenSearch indexes",
    config: searchSinkConfig,
    validate: async ({ config }) => {
      const problems = configProblems(config);
      return problems.length > 0 ? problems : engineProblems(searchSinkSettings(config), openClient);
    },
    plan: ({ config, raw, maxTasks }) => {
      assertValid(config);
      return Array.from({ length: maxTasks }, () => ({ ...raw }));
    },
    open: async (task) => {
      const config = searchSinkConfig.parse(task.config);
      assertValid(config);
      return SearchSinkTask.open(task, searchSinkSettings(config), openClient);
    },
  });
}

/** Whether the engine answers with these credentials: a problem on the key to fix when it does not. */
async function engineProblems(
  settings: SearchSinkSettings,
  openClient: OpenClient,
): Promise<ConfigProblem[]> {
  const client = openClient(settings);
  try {
    await client.info();
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ key: isRefusedCredentials(error) ? "connection.password" : "connection.url", message }];
  } finally {
    await client.close();
  }
}
