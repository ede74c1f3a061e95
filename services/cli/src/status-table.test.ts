import { describe, expect, it } from "vitest";
import type { ConnectorStatusBody } from "./connect-bodies.js";
import { formatConnectorStatus, hasFailed } from "./status-table.js";

const failing: ConnectorStatusBody = {
  name: "file-sink",
  type: "sink",
  connector: { state: "RUNNING", worker_id: "worker-1" },
  tasks: [
    {
      id: 1,
      state: "FAILED",
      worker_id: "worker-2",
      trace: "org.apache.kafka.connect.errors.ConnectException: disk full\n\tat Sink.put(Sink.java:42)\n",
    },
    { id: 0, state: "RUNNING", worker_id: "worker-1" },
    { id: 2, state: "UNASSIGNED", worker_id: "" },
  ],
};

describe("formatConnectorStatus", () => {
  it("shows the connector, then each task by id, with a failed task's trace indented below it", () => {
    expect(formatConnectorStatus(failing)).toEqual([
      "file-sink (sink)",
      "ID         STATE       WORKER",
      "connector  RUNNING     worker-1",
      "task 0     RUNNING     worker-1",
      "task 1     FAILED      worker-2",
      "    org.apache.kafka.connect.errors.ConnectException: disk full",
      "    \tat Sink.put(Sink.java:42)",
      "task 2     UNASSIGNED  -",
    ]);
  });

  it("shows a failed connector's own trace, and a connector with no tasks", () => {
    expect(
      formatConnectorStatus({
        name: "src",
        connector: { state: "FAILED", worker_id: "w", trace: "Error: bad config" },
        tasks: [],
      }),
    ).toEqual(["src", "ID         STATE   WORKER", "connector  FAILED  w", "    Error: bad config"]);
  });

  it("leaves out a trace on anything that is not FAILED", () => {
    const lines = formatConnectorStatus({
      name: "x",
      type: "source",
      connector: { state: "RUNNING", worker_id: "w", trace: "an old failure" },
      tasks: [],
    });
    expect(lines.join("\n")).not.toContain("an old failure");
  });
});

describe("hasFailed", () => {
  it.each([
    ["a failed task", failing, true],
    ["a failed connector", { ...failing, connector: { state: "FAILED", worker_id: "" }, tasks: [] }, true],
    ["only running, paused and unassigned", { ...failing, tasks: failing.tasks.slice(1) }, false],
  ])("says %s is %s", (_, status, expected) => {
    expect(hasFailed(status)).toBe(expected);
  });
});
