import { describe, expect, it } from "vitest";
import { formatValidation } from "./validate.js";

describe("formatValidation", () => {
  it("shows the error count, then each error by key", () => {
    expect(
      formatValidation({
        name: "FileStreamSink",
        error_count: 3,
        configs: [
          { value: { name: "name", errors: [] } },
          { value: { name: "topics", errors: ["Must configure one of topics or topics.regex", "Second"] } },
          { value: { name: "file", errors: ['Missing required configuration "file"'] } },
        ],
      }),
    ).toEqual([
      "FileStreamSink: error_count 3",
      "KEY     ERROR",
      "topics  Must configure one of topics or topics.regex",
      "        Second",
      'file    Missing required configuration "file"',
    ]);
  });

  it("says a config without errors is valid", () => {
    expect(formatValidation({ name: "FileStreamSource", error_count: 0, configs: [] })).toEqual([
      "FileStreamSource: the config is valid (error_count 0)",
    ]);
  });
});
