import { describe, expect, it } from "vitest";
import { formatReport } from "./format-report.js";

describe("formatReport", () => {
  it("prints a line per check, the detail under failures and skips, and a summary", () => {
    const text = formatReport({
      address: "127.0.0.1:50051",
      passed: false,
      checks: [
        { id: "health.serving", title: "health answers SERVING", outcome: "pass", detail: "SERVING" },
        {
          id: "source.respects-credit",
          plugin: "FileStreamSource",
          title: "Read never sends beyond its credit",
          outcome: "fail",
          detail: "batch 2 came with 1 credit\nsecond line",
        },
        {
          id: "sink.flush-durable",
          plugin: "FileStreamSink",
          title: "durable",
          outcome: "skip",
          detail: "no probe",
        },
      ],
    });
    expect(text.split("\n")).toEqual([
      "conformance of 127.0.0.1:50051",
      "PASS health.serving health answers SERVING",
      "FAIL source.respects-credit [FileStreamSource] Read never sends beyond its credit",
      "      batch 2 came with 1 credit",
      "      second line",
      "SKIP sink.flush-durable [FileStreamSink] durable",
      "      no probe",
      "conformance: 1 passed, 1 failed, 1 skipped",
    ]);
  });
});
