#!/usr/bin/env node
import { runConnectorService } from "@connect-mesh/connector-sdk";
import { searchServiceConfigFromEnv } from "./config.js";
import { searchSink } from "./search-sink.js";

// The search connector service: wiring only. The sink lives in search-sink.ts and what it imports.
await runConnectorService({
  service: "connector-search",
  settings: searchServiceConfigFromEnv(),
  plugins: [searchSink()],
});
