#!/usr/bin/env node
import { runConnectorService } from "@connect-mesh/connector-sdk";
import { jdbcServiceConfigFromEnv } from "./config.js";
import { jdbcSink } from "./sink/jdbc-sink.js";
import { jdbcSource } from "./source/jdbc-source.js";

// The JDBC connector service: wiring only. The connectors live in source/ and sink/.
await runConnectorService({
  service: "connector-jdbc",
  settings: jdbcServiceConfigFromEnv(),
  plugins: [jdbcSource(), jdbcSink()],
});
