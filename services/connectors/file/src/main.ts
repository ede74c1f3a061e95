#!/usr/bin/env node
import { runConnectorService } from "@connect-mesh/connector-sdk";
import { fileServiceConfigFromEnv } from "./config.js";
import { fileStreamSink } from "./file-stream-sink.js";
import { fileStreamSource } from "./file-stream-source.js";

// The file connector service: wiring only. The connectors live in file-stream-source.ts and file-stream-sink.ts.
const config = fileServiceConfigFromEnv();
await runConnectorService({
  service: "connector-file",
  settings: config,
  plugins: [fileStreamSource({ baseDir: config.baseDir }), fileStreamSink({ baseDir: config.baseDir })],
  readyDetails: { baseDir: config.baseDir },
});
