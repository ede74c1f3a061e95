import type { MavenArtifact } from "./maven-install.js";
import { ELASTICSEARCH_VERSION, OPENSEARCH_VERSION } from "./versions.js";

/** A search engine the local stack can run; both speak the same REST API for indexing and search. */
export type SearchEngine = "elasticsearch" | "opensearch";

/** What tells one search engine's distribution from the other's: where it is and how its scripts are set. */
export interface SearchEngineSpec {
  readonly engine: SearchEngine;
  /** For progress and errors, e.g. "Elasticsearch 7.10.2". */
  readonly description: string;
  /** The OSS integ-test zip on Maven Central: no bundled JDK, no security plugin, no x-pack. */
  readonly artifact: MavenArtifact;
  /** The start script, relative to the unpacked distribution. */
  readonly script: string;
  /** The variable that points the start script at a config directory. */
  readonly configDirVariable: string;
  /** The variable whose JVM options the start script adds last, so they win over jvm.options. */
  readonly javaOptsVariable: string;
}

/** Each search engine's distribution: Elasticsearch's last Apache 2.0 release, and OpenSearch. */
export const SEARCH_ENGINES: Readonly<Record<SearchEngine, SearchEngineSpec>> = {
  elasticsearch: {
    engine: "elasticsearch",
    description: `Elasticsearch ${ELASTICSEARCH_VERSION}`,
    artifact: {
      groupId: "org.elasticsearch.distribution.integ-test-zip",
      artifactId: "elasticsearch",
      version: ELASTICSEARCH_VERSION,
    },
    script: "bin/elasticsearch",
    configDirVariable: "ES_PATH_CONF",
    javaOptsVariable: "ES_JAVA_OPTS",
  },
  opensearch: {
    engine: "opensearch",
    description: `OpenSearch ${OPENSEARCH_VERSION}`,
    artifact: {
      groupId: "org.opensearch.distribution.integ-test-zip",
      artifactId: "opensearch",
      version: OPENSEARCH_VERSION,
    },
    script: "bin/opensearch",
    configDirVariable: "OPENSEARCH_PATH_CONF",
    javaOptsVariable: "OPENSEARCH_JAVA_OPTS",
  },
};

/**
 * A fixed, small heap: the default (half the machine's memory for ES 7.10's ergonomics, 1 GB for OpenSearch)
 * is far more than a local sink's test data needs, and min = max avoids resizing pauses.
 */
export const SEARCH_ENGINE_JAVA_OPTS = "-Xms512m -Xmx512m";

/** Where a search engine of the local stack listens and keeps its files. */
export interface SearchEngineLayout {
  /** Its home in the run directory, e.g. `<runDir>/elasticsearch`. */
  readonly home: string;
  readonly httpPort: number;
  /** The node-to-node port; a single node still binds it. */
  readonly transportPort: number;
}

/**
 * The `-E` settings of a single local node: no discovery (which also skips the production bootstrap checks,
 * such as vm.max_map_count, that would stop it), loopback only, the given ports, and data and logs in its
 * home. No `xpack.*` setting: the OSS distributions refuse settings of a plugin they do not have.
 */
export function searchEngineSettings(layout: SearchEngineLayout): readonly string[] {
  return [
    "-Ediscovery.type=single-node",
    "-Enetwork.host=127.0.0.1",
    `-Ehttp.port=${layout.httpPort}`,
    `-Etransport.port=${layout.transportPort}`,
    `-Epath.data=${layout.home}/data`,
    `-Epath.logs=${layout.home}/logs`,
    // A developer's disk is often over 90% full, where the node would stop placing shards and go read-only.
    "-Ecluster.routing.allocation.disk.threshold_enabled=false",
  ];
}

/**
 * The distribution's jvm.options with its relative `logs/` and `data` paths (the GC log, the error file, the
 * heap dump) made absolute under `home`: the JVM resolves them against the distribution's directory, which
 * is shared, read-only to the server's user, and not where this node's files belong.
 */
export function relocateJvmOptions(text: string, home: string): string {
  return text.replace(/([=:])(logs|data)(?=[/:\s]|$)/gm, `$1${home}/$2`);
}
