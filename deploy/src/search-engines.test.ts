import { describe, expect, it } from "vitest";
import { relocateJvmOptions, SEARCH_ENGINES, searchEngineSettings } from "./search-engines.js";

describe("searchEngineSettings", () => {
  it("makes a single loopback node on the given ports, with its files in its home and no x-pack setting", () => {
    const settings = searchEngineSettings({ home: "/run/es", httpPort: 19200, transportPort: 19300 });
    expect(settings).toEqual([
      "-Ediscovery.type=single-node",
      "-Enetwork.host=127.0.0.1",
      "-Ehttp.port=19200",
      "-Etransport.port=19300",
      "-Epath.data=/run/es/data",
      "-Epath.logs=/run/es/logs",
      "-Ecluster.routing.allocation.disk.threshold_enabled=false",
    ]);
    expect(settings.some((setting) => setting.includes("xpack"))).toBe(false);
  });
});

describe("relocateJvmOptions", () => {
  it.each([
    ["-XX:HeapDumpPath=data", "-XX:HeapDumpPath=/run/es/data"],
    ["-XX:ErrorFile=logs/hs_err_pid%p.log", "-XX:ErrorFile=/run/es/logs/hs_err_pid%p.log"],
    ["8:-Xloggc:logs/gc.log", "8:-Xloggc:/run/es/logs/gc.log"],
    [
      "9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m",
      "9-:-Xlog:gc*,gc+age=trace,safepoint:file=/run/es/logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m",
    ],
  ])("makes %j absolute", (line, relocated) => {
    expect(relocateJvmOptions(line, "/run/es")).toBe(relocated);
  });

  it.each([
    "-Xms1g",
    "-XX:+HeapDumpOnOutOfMemoryError",
    "-XX:+UseG1GC",
    "## -XX:HeapDumpPath=/heap/dump/path",
    "-Dlog4j2.formatMsgNoLookups=true",
  ])("leaves %j as it is", (line) => {
    expect(relocateJvmOptions(line, "/run/es")).toBe(line);
  });
});

describe("SEARCH_ENGINES", () => {
  it("fetches the OSS integ-test zips of Elasticsearch 7.10.2 and OpenSearch 2.19.6", () => {
    expect(SEARCH_ENGINES.elasticsearch.artifact).toEqual({
      groupId: "org.elasticsearch.distribution.integ-test-zip",
      artifactId: "elasticsearch",
      version: "7.10.2",
    });
    expect(SEARCH_ENGINES.opensearch.artifact).toEqual({
      groupId: "org.opensearch.distribution.integ-test-zip",
      artifactId: "opensearch",
      version: "2.19.6",
    });
  });
});
