import { describe, expect, it } from "vitest";
import { CommandError } from "./command-error.js";
import {
  bodyMessageOf,
  readConfigInfos,
  readConnectorList,
  readConnectorStatus,
  readOffsets,
} from "./connect-bodies.js";

describe("bodyMessageOf", () => {
  it.each([
    [{ error_code: 404, message: "Connector x not found" }, "Connector x not found"],
    [{ message: "" }, undefined],
    [{ error_code: 500 }, undefined],
    ["text", undefined],
    [undefined, undefined],
  ])("reads the message of %j as %j", (body, message) => {
    expect(bodyMessageOf(body)).toBe(message);
  });
});

describe("readConnectorStatus", () => {
  it("reads Connect's status body, keeping a trace and numbering tasks without an id by place", () => {
    expect(
      readConnectorStatus(
        {
          name: "x",
          type: "sink",
          connector: { state: "RUNNING", worker_id: "h:8083" },
          tasks: [{ id: 0, state: "FAILED", worker_id: "h2:8083", trace: "boom" }, { state: "RUNNING" }],
          extra: true,
        },
        "GET /s",
      ),
    ).toEqual({
      name: "x",
      type: "sink",
      connector: { state: "RUNNING", worker_id: "h:8083" },
      tasks: [
        { id: 0, state: "FAILED", worker_id: "h2:8083", trace: "boom" },
        { id: 1, state: "RUNNING", worker_id: "" },
      ],
    });
  });

  it("rejects a body that is not an object, naming the request", () => {
    expect(() => readConnectorStatus(["x"], "GET http://h/connectors/x/status")).toThrow(CommandError);
    expect(() => readConnectorStatus("<html>", "GET http://h/connectors/x/status")).toThrow(
      "GET http://h/connectors/x/status answered a body that is not Kafka Connect's shape",
    );
  });
});

describe("readConnectorList", () => {
  it("reads the expanded list", () => {
    expect(
      readConnectorList(
        {
          a: {
            status: { name: "a", connector: { state: "PAUSED", worker_id: "w" }, tasks: [] },
            info: { name: "a", config: {}, tasks: [], type: "source" },
          },
        },
        "GET /c",
      ),
    ).toEqual({
      a: {
        status: { name: "a", connector: { state: "PAUSED", worker_id: "w" }, tasks: [] },
        info: { type: "source" },
      },
    });
  });

  it("reads a plain list of names from a REST API that ignores expand", () => {
    expect(readConnectorList(["a", "b", 3], "GET /c")).toEqual({ a: {}, b: {} });
  });
});

describe("readConfigInfos", () => {
  it("reads each key's errors, naming a key by its definition when its value has no name", () => {
    expect(
      readConfigInfos(
        {
          name: "P",
          error_count: 1,
          groups: ["Common"],
          configs: [
            { definition: { name: "file" }, value: { errors: ["required"] } },
            { definition: { name: "topic" }, value: { name: "topic", value: "t", errors: [] } },
          ],
        },
        "PUT /v",
      ),
    ).toEqual({
      name: "P",
      error_count: 1,
      configs: [{ value: { name: "file", errors: ["required"] } }, { value: { name: "topic", errors: [] } }],
    });
  });

  it("counts the errors when error_count is missing, so a broken config never passes as valid", () => {
    const body = { name: "P", configs: [{ value: { name: "a", errors: ["x", "y"] } }] };
    expect(readConfigInfos(body, "PUT /v").error_count).toBe(2);
  });
});

describe("readOffsets", () => {
  it("reads the offsets list", () => {
    const body = {
      offsets: [{ partition: { kafka_topic: "t", kafka_partition: 0 }, offset: { kafka_offset: 5 } }],
    };
    expect(readOffsets(body, "GET /o")).toEqual(body);
  });

  it("rejects a body without an offsets list", () => {
    expect(() => readOffsets({ message: "hi" }, "GET /o")).toThrow("GET /o answered a body that is not");
  });
});
