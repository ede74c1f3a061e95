import { describe, expect, it } from "vitest";
import { formatOffsets } from "./offsets.js";

describe("formatOffsets", () => {
  it("shows each partition and its offset as key=value lists", () => {
    expect(
      formatOffsets("sink", {
        offsets: [
          { partition: { kafka_topic: "t", kafka_partition: 0 }, offset: { kafka_offset: 42 } },
          { partition: { filename: "my input.txt" }, offset: { position: 7, done: false } },
          { partition: { nested: { a: 1 } }, offset: null },
        ],
      }),
    ).toEqual([
      "PARTITION                         OFFSET",
      "kafka_topic=t, kafka_partition=0  kafka_offset=42",
      'filename="my input.txt"           position=7, done=false',
      'nested={"a":1}                    (reset)',
    ]);
  });

  it("says so when the connector has no offsets", () => {
    expect(formatOffsets("src", { offsets: [] })).toEqual(["connector src has no committed offsets"]);
  });
});
