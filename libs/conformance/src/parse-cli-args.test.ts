import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./parse-cli-args.js";

describe("parseCliArgs", () => {
  it("reads the address, configs per plugin, plugins and timings", () => {
    expect(
      parseCliArgs([
        "localhost:50051",
        "--config",
        "FileStreamSource=src.json",
        "--config=FileStreamSink=sink.json",
        "--rejecting-config",
        "FileStreamSink=full.json",
        "--plugin",
        "FileStreamSource",
        "--timeout-ms=2000",
        "--quiet-ms",
        "100",
      ]),
    ).toEqual({
      kind: "run",
      args: {
        address: "localhost:50051",
        configFiles: new Map([
          ["FileStreamSource", "src.json"],
          ["FileStreamSink", "sink.json"],
        ]),
        rejectingConfigFiles: new Map([["FileStreamSink", "full.json"]]),
        plugins: ["FileStreamSource"],
        timeoutMs: 2000,
        quietMs: 100,
      },
    });
  });

  it("asks for help with --help", () => {
    expect(parseCliArgs(["--help"])).toEqual({ kind: "help" });
  });

  it.each([
    [[], "missing the connector service's <host:port>"],
    [["localhost"], '"localhost" is not <host:port>'],
    [["a:1", "b:2"], "unexpected arguments: b:2"],
    [["a:1", "--config", "src.json"], '--config takes <plugin>=<file.json>, not "src.json"'],
    [["a:1", "--config"], "--config needs a value"],
    [
      ["a:1", "--timeout-ms", "soon"],
      '--timeout-ms must be a whole number of milliseconds above 0, not "soon"',
    ],
    [["a:1", "--verbose", "x"], "unknown option --verbose"],
  ])("refuses %j: %s", (argv, problem) => {
    expect(parseCliArgs(argv)).toEqual({ kind: "error", problem });
  });
});
