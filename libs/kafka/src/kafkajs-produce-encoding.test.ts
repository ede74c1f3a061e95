import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Message } from "kafkajs";
import { describe, expect, it } from "vitest";

/**
 * Pins what the patched kafkajs producer (patches/kafkajs+2.2.4.patch) builds: the patch may change how a
 * request is put together, never what goes on the wire. These reach into kafkajs's own modules, which have
 * no typings, so each is given the shape this test uses.
 */
const require = createRequire(import.meta.url);

interface ProduceRequest {
  encode(): Promise<{ buffer: Buffer }>;
}
const produceRequestV3 = require("kafkajs/src/protocol/requests/produce/v3/request.js") as (request: {
  acks: number;
  timeout: number;
  transactionalId?: string;
  producerEpoch?: number;
  topicData: {
    topic: string;
    partitions: { partition: number; firstSequence: number; messages: Message[] }[];
  }[];
}) => ProduceRequest;

/** Frames a request as a connection sends it: its size, then its header, then its body. */
const frameRequest = require("kafkajs/src/protocol/request.js") as (args: {
  correlationId: number;
  clientId: string;
  request: { apiKey: number; apiVersion: number; encode: ProduceRequest["encode"] };
}) => Promise<{ buffer: Buffer }>;

const groupMessagesPerPartition = require("kafkajs/src/producer/groupMessagesPerPartition.js") as (args: {
  topic: string;
  partitionMetadata: { partitionId: number }[];
  messages: Message[];
  partitioner: (args: { message: Message }) => number;
}) => Record<string, Message[]>;

const encodeRecord = require("kafkajs/src/protocol/recordBatch/record/v0/index.js") as (record: {
  key: Buffer | null;
  value: Buffer;
}) => { buf: Buffer };

/** The request of "encodes timestamp deltas beyond 32 bits", as unpatched kafkajs 2.2.4 encodes it. */
const EXPECTED_WIDE_DELTAS_SHA256 = "deda62b2521b61bfcae66f2bcccf282dffc452ea19718d47cfa0d2e4f4b79753";

describe("kafkajs's produce path, as patched", () => {
  it("is patched: a record is encoded in a buffer of its own size, not 512 bytes", () => {
    // Fails when `npm install` did not apply patches/ (the bytes on the wire would be the same).
    expect(encodeRecord({ key: null, value: Buffer.from("small") }).buf.length).toBeLessThan(64);
  });

  it("encodes a produce request byte for byte as unpatched kafkajs 2.2.4 does", async () => {
    const messages: Message[] = [
      {
        key: Buffer.from("k1"),
        value: Buffer.from('{"payload":"first"}'),
        timestamp: "1700000000000",
        headers: { a: Buffer.from("x"), b: [Buffer.from("y"), Buffer.from("z")] },
      },
      // Larger than the 512 bytes unpatched kafkajs started every record with.
      { key: null, value: Buffer.from("x".repeat(600)), timestamp: "1700000000005" },
      { key: "text key", value: "text value", timestamp: "1700000000002", headers: {} },
    ];
    const request = produceRequestV3({
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: "t", partitions: [{ partition: 0, firstSequence: 7, messages }] }],
    });

    const { buffer } = await request.encode();

    // Taken from the same request encoded by kafkajs 2.2.4 without the patch.
    expect(buffer.length).toBe(762);
    expect(createHash("sha256").update(buffer).digest("hex")).toBe(
      "509cdbeab51ee64e4af6f3471190318cf90f4b437895e94a1d9bed7f2deef816",
    );
  });

  it("encodes timestamp deltas beyond 32 bits as unpatched kafkajs 2.2.4 does", async () => {
    // A batch whose first timestamp is far from its others: every delta needs the 64-bit path.
    const messages: Message[] = [
      { key: null, value: Buffer.from("old"), timestamp: "1000" },
      { key: null, value: Buffer.from("new"), timestamp: "1700000000000" },
    ];
    const request = produceRequestV3({
      acks: -1,
      timeout: 30_000,
      topicData: [{ topic: "t", partitions: [{ partition: 0, firstSequence: 0, messages }] }],
    });

    const { buffer } = await request.encode();

    // Taken from the same request encoded by kafkajs 2.2.4 without the varint part of the patch.
    expect(createHash("sha256").update(buffer).digest("hex")).toBe(EXPECTED_WIDE_DELTAS_SHA256);
  });

  it.each([
    [undefined, "25ce3f3a1670ec86e7689830b52d9a853313e4b0cb4757a87eefee0f1c5b1b17"],
    ["tx-7", "3fdca48f1c8be65b5cae022b1dbe669a2573fc53b65ccb490bbdb664332bad1d"],
  ])(
    "frames a request for several topics and partitions (transactional id %s) as unpatched kafkajs 2.2.4 does",
    async (transactionalId, expectedSha256) => {
      const messagesOf = (tag: string): Message[] => [
        {
          key: Buffer.from(`k${tag}`),
          value: Buffer.from(`${"v".repeat(700)}${tag}`),
          timestamp: "1700000000000",
          headers: { h: Buffer.from("x") },
        },
        { key: null, value: Buffer.from(`second ${tag}`), timestamp: "1700000000003" },
      ];
      const request = produceRequestV3({
        acks: -1,
        timeout: 30_000,
        transactionalId,
        producerEpoch: 1,
        topicData: [
          {
            topic: "orders",
            partitions: [
              { partition: 0, firstSequence: 3, messages: messagesOf("a") },
              { partition: 2, firstSequence: 9, messages: messagesOf("b") },
            ],
          },
          // A topic name longer in UTF-8 bytes than in characters.
          { topic: "états", partitions: [{ partition: 1, firstSequence: 0, messages: messagesOf("c") }] },
        ],
      });

      const { buffer } = await frameRequest({
        correlationId: 5,
        clientId: "worker-1",
        request: { apiKey: 0, apiVersion: 7, encode: () => request.encode() },
      });

      // Taken from the same request framed by kafkajs 2.2.4 without the patch.
      expect(createHash("sha256").update(buffer).digest("hex")).toBe(expectedSha256);
    },
  );

  it("groups messages by partition, each partition's in the order they came", () => {
    const messages: Message[] = ["a0", "b0", "a1", "c0", "b1", "a2"].map((value) => ({
      value,
      partition: "abc".indexOf(value.charAt(0)),
    }));

    const grouped = groupMessagesPerPartition({
      topic: "t",
      partitionMetadata: [{ partitionId: 0 }, { partitionId: 1 }, { partitionId: 2 }],
      messages,
      partitioner: ({ message }) => message.partition ?? -1,
    });

    const valuesOf = (partition: string) => grouped[partition]?.map((m) => m.value);
    expect(Object.keys(grouped)).toEqual(["0", "1", "2"]);
    expect(valuesOf("0")).toEqual(["a0", "a1", "a2"]);
    expect(valuesOf("1")).toEqual(["b0", "b1"]);
    expect(valuesOf("2")).toEqual(["c0"]);
  });
});
