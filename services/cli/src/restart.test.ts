import { describe, expect, it } from "vitest";
import { formatRestart } from "./restart.js";

const request = { connector: "src", includeTasks: false, onlyFailed: false };

describe("formatRestart", () => {
  it("reports a 204 as the connector restarted, with a hint about its tasks", () => {
    expect(formatRestart(request, { status: 204, body: undefined }, "POST x")).toEqual([
      "restarted connector src (not its tasks; --include-tasks restarts them too)",
    ]);
  });

  it("shows the status of a 202, where what restarts is RESTARTING", () => {
    const body = {
      name: "src",
      type: "source",
      connector: { state: "RUNNING", worker_id: "w" },
      tasks: [{ id: 0, state: "RESTARTING", worker_id: "w" }],
    };
    expect(
      formatRestart({ ...request, includeTasks: true, onlyFailed: true }, { status: 202, body }, "POST x"),
    ).toEqual([
      "restarting connector src; what restarts shows as RESTARTING:",
      "src (source)",
      "ID         STATE       WORKER",
      "connector  RUNNING     w",
      "task 0     RESTARTING  w",
    ]);
  });
});
