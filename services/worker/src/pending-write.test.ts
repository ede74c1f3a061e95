import { unpackRecords } from "@connect-mesh/data";
import type { IncomingMessage } from "@connect-mesh/kafka";
import { describe, expect, it } from "vitest";
import { packedWrite } from "./pending-write.js";
import { packedSinkRun } from "./record-codec.js";
import { taskConvertersFrom } from "./task-converters.js";

const converters = taskConvertersFrom({
  "value.converter": "org.apache.kafka.connect.storage.StringConverter",
});

function messagesAt(offsets: readonly number[]): IncomingMessage[] {
  return offsets.map((offset, index) => ({
    key: null,
    value: Buffer.from(`line ${index}`),
    headers: {},
    timestamp: String(1_795_614_719_000 + index),
    offset: String(offset),
  }));
}

describe("packedWrite", () => {
  it.each([
    ["consecutive offsets", [10, 11, 12, 13, 14]],
    ["offsets with gaps", [10, 12, 13, 20, 21]],
  ])("cut at an index, carries exactly the records from there on (%s)", (_, offsets) => {
    const messages = messagesAt(offsets);
    const run = packedSinkRun("t", 1, messages, converters) ?? expect.unreachable("the lines should pack");
    const all = unpackRecords(run);
    for (const index of [0, 1, 3, 5]) {
      const rest = packedWrite(run, { topic: "t", partition: 1 }, messages).from(index);
      expect(rest.length).toBe(offsets.length - index);
      const batch = rest.batch(7n);
      expect(batch.records).toEqual([]);
      expect(batch.packed.flatMap(unpackRecords)).toEqual(all.slice(index));
      const message = messages[index];
      expect(rest.at(0)?.consumed).toEqual(message && { topic: "t", partition: 1, message });
      expect(rest.timestampsMs()).toEqual(messages.slice(index).map((message) => Number(message.timestamp)));
    }
  });
});
