import { describe, expect, it } from "vitest";
import { formatConnectorList } from "./connectors.js";

describe("formatConnectorList", () => {
  it("lists connectors by name with type, state and each task's state", () => {
    expect(
      formatConnectorList({
        "file-source": {
          status: {
            name: "file-source",
            type: "source",
            connector: { state: "RUNNING", worker_id: "w1" },
            tasks: [
              { id: 1, state: "FAILED", worker_id: "w1", trace: "boom" },
              { id: 0, state: "RUNNING", worker_id: "w1" },
            ],
          },
          info: { type: "source" },
        },
        "a-sink": {
          status: { name: "a-sink", connector: { state: "STOPPED", worker_id: "w1" }, tasks: [] },
          info: { type: "sink" },
        },
        "names-only": {},
      }),
    ).toEqual([
      "NAME         TYPE    STATE    TASKS",
      "a-sink       sink    STOPPED  -",
      "file-source  source  RUNNING  0:RUNNING 1:FAILED",
      "names-only   ?       ?        ?",
    ]);
  });

  it("says so when there are no connectors", () => {
    expect(formatConnectorList({})).toEqual(["no connectors"]);
  });
});
