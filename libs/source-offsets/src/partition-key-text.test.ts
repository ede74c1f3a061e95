import { JsonConverter } from "@connect-mesh/converters";
import { Value } from "@connect-mesh/proto";
import { describe, expect, it, vi } from "vitest";
import { PartitionKeyText } from "./partition-key-text.js";

const fileOf = (filename: string): Value => ({
  kind: {
    $case: "mapValue",
    value: {
      entries: [
        {
          key: { kind: { $case: "stringValue", value: "filename" } },
          value: { kind: { $case: "stringValue", value: filename } },
        },
      ],
    },
  },
});

const keys = () => {
  const json = new JsonConverter({ "schemas.enable": "false" });
  const write = vi.spyOn(json, "fromConnectData");
  return { keys: new PartitionKeyText(json, "offsets"), write };
};

describe("PartitionKeyText", () => {
  it("writes Connect's offsets key: the connector and the partition as a JSON array", () => {
    const { keys: key } = keys();
    expect(key.of("files", fileOf("/in.txt"))).toBe('["files",{"filename":"/in.txt"}]');
    expect(key.of("files", undefined)).toBe('["files",null]');
  });

  it("reuses the key for the same partition in other objects, without writing it again, once it repeats", () => {
    const { keys: key, write } = keys();
    const first = key.of("files", fileOf("/in.txt"));
    for (let i = 0; i < 3; i++) expect(key.of("files", fileOf("/in.txt"))).toBe(first);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it("copies no partition while partitions alternate, so they cost no more than writing their keys", () => {
    const { keys: key } = keys();
    const decode = vi.spyOn(Value, "decode");
    for (const file of ["/a.txt", "/b.txt", "/a.txt"]) key.of("files", fileOf(file));
    expect(decode).not.toHaveBeenCalled();
    key.of("files", fileOf("/a.txt"));
    expect(decode).toHaveBeenCalled(); // the copy, decoded from the partition's encoding
    decode.mockRestore();
  });

  it("makes a new key for another partition or another connector", () => {
    const { keys: key } = keys();
    key.of("files", fileOf("/a.txt"));
    expect(key.of("files", fileOf("/b.txt"))).toBe('["files",{"filename":"/b.txt"}]');
    expect(key.of("other", fileOf("/b.txt"))).toBe('["other",{"filename":"/b.txt"}]');
  });

  it("keeps its own copy of the partition, so changing the caller's object afterwards changes nothing", () => {
    const { keys: key } = keys();
    const partition = fileOf("/a.txt");
    key.of("files", partition);
    key.of("files", partition);
    const entry = partition.kind?.$case === "mapValue" ? partition.kind.value.entries[0] : undefined;
    if (entry === undefined) throw new Error("no entry");
    entry.value = { kind: { $case: "stringValue", value: "/b.txt" } };
    expect(key.of("files", partition)).toBe('["files",{"filename":"/b.txt"}]');
  });
});
