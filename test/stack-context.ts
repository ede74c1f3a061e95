/**
 * What the integration tests' global setup hands to every test file through vitest's `provide`/`inject`:
 * the addresses of the real local stack started once for the run (or given by the environment).
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** Kafka bootstrap servers, e.g. "127.0.0.1:9092". */
    kafkaBootstrap: string;
    /** etcd client URL, e.g. "http://127.0.0.1:2379". */
    etcdEndpoint: string;
    /** The coordinator's REST API, e.g. "http://127.0.0.1:8083". */
    restUrl: string;
    /** Jaeger's query API, where every service of the stack sends its spans, e.g. "http://127.0.0.1:16686". */
    jaegerQueryUrl: string;
    /** Relative `file` paths in connector configs resolve against this directory. */
    baseDir: string;
    /** The stack's run directory, where each service logs (`<runDir>/<service>/<service>.log`). */
    runDir: string;
    /** Where downloads and builds are cached (Kafka's tools for the console consumer among them). */
    cacheDir: string;
    /** MariaDB's port on 127.0.0.1; `root` logs in with no password. */
    mariadbPort: number;
    /** PostgreSQL's port on 127.0.0.1; the superuser `postgres` logs in with the password `postgres`. */
    postgresPort: number;
  }
}

export {};
