import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "./arguments.js";

describe("parseCommand", () => {
  it.each([[[]], [["help"]], [["--help"]], [["up", "-h"]]])("reads %j as a request for help", (argv) => {
    expect(parseCommand(argv)).toEqual({ name: "help" });
  });

  it("reads a command with its port and directory overrides", () => {
    expect(
      parseCommand(["up", "--kafka-port", "19092", "--etcd-port", "12379", "--run-dir", "/tmp/x"]),
    ).toEqual({
      name: "up",
      overrides: { kafkaPort: 19092, etcdPort: 12379, runDir: "/tmp/x" },
      demo: false,
    });
  });

  it("reads --demo with up, and only with up", () => {
    expect(parseCommand(["up", "--demo"])).toMatchObject({ name: "up", demo: true });
    expect(() => parseCommand(["down", "--demo"])).toThrow('--demo goes with "up", not "down"');
  });

  it.each([
    [["start"], 'unknown command "start"'],
    [["up", "now"], 'unexpected argument "now" after "up"'],
    [["up", "--kafka"], "Unknown option '--kafka'"],
    [["up", "--kafka-port"], "--kafka-port"],
  ])("rejects %j, saying what is wrong", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
