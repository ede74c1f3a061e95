import { describe, expect, it } from "vitest";
import { parseCommand } from "./arguments.js";
import { UsageError } from "./usage-error.js";

describe("parseCommand", () => {
  it.each([[[]], [["help"]], [["--help"]], [["up", "-h"]], [["pause", "x", "--help"]]])(
    "reads %j as a request for help",
    (argv) => {
      expect(parseCommand(argv)).toEqual({ name: "help" });
    },
  );

  it("reads a command with its port and directory overrides", () => {
    expect(
      parseCommand(["up", "--kafka-port", "19092", "--etcd-port", "12379", "--run-dir", "/tmp/x"]),
    ).toEqual({
      name: "up",
      overrides: { kafkaPort: 19092, etcdPort: 12379, runDir: "/tmp/x" },
      demo: false,
    });
  });

  it("reads --demo with up, and only with up, and turns tracing on with it", () => {
    expect(parseCommand(["up", "--demo"])).toEqual({ name: "up", overrides: { tracing: true }, demo: true });
    expect(() => parseCommand(["down", "--demo"])).toThrow('--demo goes with "up", not "down"');
  });

  it("reads --tracing and the trace backend's ports with up, and only with up", () => {
    expect(parseCommand(["up", "--tracing", "--otlp-port", "14318", "--jaeger-query-port", "26686"])).toEqual(
      {
        name: "up",
        overrides: { tracing: true, otlpPort: 14318, jaegerQueryPort: 26686 },
        demo: false,
      },
    );
    expect(() => parseCommand(["status", "--tracing"])).toThrow('--tracing goes with "up"');
  });

  it("reads --with and the databases' ports with up, in start order, repeated lists adding up", () => {
    expect(
      parseCommand([
        "up",
        "--with",
        "postgres,mariadb",
        "--mariadb-port",
        "13306",
        "--postgres-port",
        "15432",
      ]),
    ).toEqual({
      name: "up",
      overrides: { withComponents: ["mariadb", "postgres"], mariadbPort: 13306, postgresPort: 15432 },
      demo: false,
    });
    expect(parseCommand(["up", "--with", "postgres", "--with", "mariadb"])).toMatchObject({
      overrides: { withComponents: ["mariadb", "postgres"] },
    });
    expect(parseCommand(["up", "--with", "mariadb"])).toMatchObject({
      overrides: { withComponents: ["mariadb"] },
    });
  });

  it("reads --with for the search engines and their HTTP ports, Elasticsearch first", () => {
    expect(
      parseCommand([
        "up",
        "--with",
        "opensearch,elasticsearch",
        "--elasticsearch-port",
        "19200",
        "--opensearch-port",
        "19201",
      ]),
    ).toEqual({
      name: "up",
      overrides: {
        withComponents: ["elasticsearch", "opensearch"],
        elasticsearchPort: 19200,
        opensearchPort: 19201,
      },
      demo: false,
    });
    expect(parseCommand(["down", "--elasticsearch-port", "19200"])).toEqual({
      name: "down",
      overrides: { elasticsearchPort: 19200 },
    });
    expect(() => parseCommand(["up", "--opensearch-port", "9300x"])).toThrow(
      '--opensearch-port must be a TCP port from 1 to 65535, not "9300x"',
    );
  });

  it("reads --workers for up only, and refuses a count that is not 1 to 16", () => {
    expect(parseCommand(["up", "--workers", "3"])).toEqual({
      name: "up",
      overrides: { workers: 3 },
      demo: false,
    });
    expect(() => parseCommand(["up", "--workers", "0"])).toThrow(
      '--workers must be a number of workers from 1 to 16, not "0"',
    );
    expect(() => parseCommand(["up", "--workers", "two"])).toThrow(
      '--workers must be a number of workers from 1 to 16, not "two"',
    );
    expect(() => parseCommand(["down", "--workers", "2"])).toThrow('--workers goes with "up"');
  });

  it("names the components --with knows when it is given another, and the flag of a bad port", () => {
    expect(() => parseCommand(["up", "--with", "mariadb,mysql"])).toThrow(
      '--with names "mysql", which the stack cannot add; the components it knows are mariadb, postgres, elasticsearch, opensearch',
    );
    expect(() => parseCommand(["up", "--mariadb-port", "x"])).toThrow(
      '--mariadb-port must be a TCP port from 1 to 65535, not "x"',
    );
  });

  it("reads the three ways trace names a record, and the targets it reads from", () => {
    expect(parseCommand(["trace", "orders:1:41", "--jaeger-url", "http://j:16686"])).toEqual({
      name: "trace",
      record: { kind: "position", position: { topic: "orders", partition: 1, offset: "41" } },
      observe: { overrides: {}, jaegerUrl: "http://j:16686" },
      restTarget: { overrides: {} },
    });
    expect(parseCommand(["trace", "orders", "--key", "order-7", "--bootstrap", "k:9092"])).toMatchObject({
      record: { kind: "key", topic: "orders", key: "order-7" },
      observe: { bootstrap: "k:9092" },
    });
    expect(parseCommand(["trace", "--dlq", "file-sink", "0:3", "--url", "http://r:8083"])).toMatchObject({
      record: { kind: "dlq", connector: "file-sink", at: "0:3" },
      restTarget: { url: "http://r:8083" },
    });
  });

  it("reads dlq list and dlq replay with their selection, waiting 120 s unless told otherwise", () => {
    expect(parseCommand(["dlq", "list", "http-sink"])).toEqual({
      name: "dlq",
      action: "list",
      connector: "http-sink",
      selection: {},
      timeoutMs: 120_000,
      observe: { overrides: {} },
      restTarget: { overrides: {} },
    });
    expect(
      parseCommand([
        "dlq",
        "replay",
        "http-sink",
        "--from",
        "3",
        "--since",
        "2024-03-01T12:00:00Z",
        "--filter",
        "TASK_PUT",
        "--timeout",
        "30",
        "--bootstrap",
        "k:9092",
      ]),
    ).toMatchObject({
      action: "replay",
      selection: { fromOffset: 3n, sinceMs: Date.UTC(2024, 2, 1, 12), filter: "TASK_PUT" },
      timeoutMs: 30_000,
      observe: { bootstrap: "k:9092" },
    });
  });

  it("reads top, refreshing every 2 s unless told otherwise", () => {
    expect(parseCommand(["top"])).toEqual({
      name: "top",
      once: false,
      intervalMs: 2000,
      observe: { overrides: {} },
    });
    expect(parseCommand(["top", "--once", "--interval", "0.5", "--etcd", "http://e:2379"])).toEqual({
      name: "top",
      once: true,
      intervalMs: 500,
      observe: { overrides: {}, etcd: "http://e:2379" },
    });
  });

  it("keeps plain status as the stack's status", () => {
    expect(parseCommand(["status", "--run-dir", "/tmp/x"])).toEqual({
      name: "status",
      overrides: { runDir: "/tmp/x" },
    });
  });

  it.each([
    [["connectors"], { name: "connectors", rest: { overrides: {} } }],
    [["status", "file-sink"], { name: "connector-status", connector: "file-sink", rest: { overrides: {} } }],
    [["pause", "a"], { name: "pause", connector: "a", rest: { overrides: {} } }],
    [["resume", "a"], { name: "resume", connector: "a", rest: { overrides: {} } }],
    [["stop", "a"], { name: "stop", connector: "a", rest: { overrides: {} } }],
    [
      ["restart", "a"],
      { name: "restart", connector: "a", includeTasks: false, onlyFailed: false, rest: { overrides: {} } },
    ],
    [
      ["restart", "a", "--include-tasks", "--only-failed"],
      { name: "restart", connector: "a", includeTasks: true, onlyFailed: true, rest: { overrides: {} } },
    ],
    [["offsets", "get", "a"], { name: "offsets", action: "get", connector: "a", rest: { overrides: {} } }],
    [
      ["offsets", "reset", "a"],
      { name: "offsets", action: "reset", connector: "a", rest: { overrides: {} } },
    ],
    [["validate", "sink.json"], { name: "validate", file: "sink.json", rest: { overrides: {} } }],
  ])("reads the connector command %j", (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it("reads --url and --rest-port with a connector command", () => {
    expect(parseCommand(["connectors", "--url", "http://h:1"])).toEqual({
      name: "connectors",
      rest: { url: "http://h:1", overrides: {} },
    });
    expect(parseCommand(["status", "a", "--rest-port", "18083"])).toEqual({
      name: "connector-status",
      connector: "a",
      rest: { overrides: { restPort: 18083 } },
    });
  });

  it("takes a connector name that looks like an option after --", () => {
    expect(parseCommand(["pause", "--", "-odd-name"])).toMatchObject({
      name: "pause",
      connector: "-odd-name",
    });
  });

  it.each([
    [["start"], 'unknown command "start"'],
    [["up", "now"], 'unexpected argument "now" after "up"'],
    [["up", "--kafka"], "Unknown option '--kafka'"],
    [["up", "--kafka-port"], "--kafka-port"],
    [["connectors", "all"], 'unexpected argument "all" after "connectors"'],
    [["status", "a", "b"], 'unexpected argument "b" after "status a"'],
    [["pause"], '"pause" needs a connector name: cmesh pause <name>'],
    [["resume"], '"resume" needs a connector name'],
    [["stop", "a", "b", "c"], 'unexpected argument "b c" after "stop a"'],
    [["restart"], '"restart" needs a connector name'],
    [["pause", ""], '"pause" needs a connector name, not an empty one'],
    [["offsets"], '"offsets" takes get or reset and a connector name, not nothing'],
    [["offsets", "set", "a"], '"offsets" takes get or reset and a connector name, not "set"'],
    [["offsets", "get"], '"offsets get" needs a connector name: cmesh offsets get <name>'],
    [["offsets", "reset", "a", "b"], 'unexpected argument "b" after "offsets reset a"'],
    [["validate"], '"validate" needs a JSON file: cmesh validate <file.json>'],
    [["validate", "a.json", "b.json"], 'unexpected argument "b.json" after "validate a.json"'],
    [["pause", "a", "--include-tasks"], '--include-tasks goes with "restart", not "pause"'],
    [["restart", "a", "--only-failed=yes"], "--only-failed"],
    [
      ["up", "--url", "http://h:1"],
      '--url goes with the connector commands, "trace --dlq" and "dlq", not "up"',
    ],
    [
      ["status", "--url", "http://h:1"],
      '--url goes with the connector commands, "trace --dlq" and "dlq", not "status"',
    ],
    [
      ["connectors", "--kafka-port", "1"],
      '--kafka-port goes with "up", "down" and plain "status", not "connectors"',
    ],
    [
      ["status", "a", "--run-dir", "/x"],
      '--run-dir goes with "up", "down", "status", "restart", "stop", "trace", "top" and "dlq", not "status a"',
    ],
    [["offsets", "get", "a", "--demo"], '--demo goes with "up", not "offsets get"'],
    [["down", "--with", "mariadb"], '--with goes with "up", not "down"'],
    [["up", "--with"], "--with"],
    [
      ["connectors", "--postgres-port", "5432"],
      '--postgres-port goes with "up", "down" and plain "status", not "connectors"',
    ],
    [
      ["connectors", "--elasticsearch-port", "9200"],
      '--elasticsearch-port goes with "up", "down" and plain "status", not "connectors"',
    ],
    [["connectors", "--url"], "--url"],
    [["trace"], '"trace" needs a record'],
    [["trace", "orders:0"], "<topic>:<partition>:<offset>"],
    [["trace", "orders:0:1", "extra"], 'unexpected argument "extra" after "trace orders:0:1"'],
    [["trace", "0:3", "--dlq", "a", "--key", "k"], "--dlq and --key do not go together"],
    [["trace", "orders", "--dlq", "a"], "<partition>:<offset>"],
    [["top", "--key", "k"], '--key goes with "trace", not "top"'],
    [["trace", "orders:0:1", "--once"], '--once goes with "top", not "trace"'],
    [["top", "--interval", "0"], "--interval takes seconds"],
    [["dlq"], '"dlq" takes list or replay and a connector name, not nothing'],
    [["dlq", "empty", "a"], '"dlq" takes list or replay and a connector name, not "empty"'],
    [["dlq", "replay"], '"dlq replay" needs a connector name'],
    [["dlq", "list", "a", "--timeout", "5"], '--timeout goes with "dlq replay", not "dlq list"'],
    [["dlq", "replay", "a", "--from=-1"], "--from takes an offset"],
    [["dlq", "replay", "a", "--since", "yesterday"], "--since takes an ISO time"],
    [["dlq", "replay", "a", "--filter", ""], "--filter needs some text"],
    [["dlq", "replay", "a", "--timeout", "0"], "--timeout takes seconds"],
    [["trace", "orders:0:1", "--filter", "x"], '--filter goes with "dlq", not "trace"'],
  ])("rejects %j, saying what is wrong", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
