import { randomUUID } from "node:crypto";
import { waitFor } from "@connect-mesh/async";
import { type Admin, Kafka, logLevel, Partitioners } from "kafkajs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./stack-context.js";

const RECORDS = 10_000;
const PARTITIONS = 3;

// Kafka 4 removed the oldest protocol versions (KIP-896); these prove kafkajs still speaks to this broker.
describe("kafkajs against the stack's Kafka broker", () => {
  const kafka = new Kafka({
    clientId: "connect-mesh-test",
    brokers: [inject("kafkaBootstrap")],
    logLevel: logLevel.WARN,
  });
  const topic = `foundation-${randomUUID()}`;
  const groupId = `foundation-group-${randomUUID()}`;
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it("produces 10,000 records and a consumer group receives all of them, in order per partition", async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const sequences = Array.from({ length: RECORDS }, (_, sequence) => sequence);
    for (let start = 0; start < RECORDS; start += 1_000) {
      await producer.send({
        topic,
        acks: -1,
        messages: sequences.slice(start, start + 1_000).map((sequence) => ({
          partition: sequence % PARTITIONS,
          key: `key-${sequence % 17}`,
          value: String(sequence),
        })),
      });
    }
    await producer.disconnect();

    const received = new Map<number, number[]>();
    let receivedCount = 0;
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const inPartition = received.get(partition) ?? [];
        inPartition.push(Number(message.value?.toString()));
        received.set(partition, inPartition);
        receivedCount += 1;
      },
    });
    try {
      await waitFor(
        async () => receivedCount,
        (count) => count >= RECORDS,
        {
          timeoutMs: 60_000,
          description: `${RECORDS} records from ${topic}`,
        },
      );
      // The group really formed on this broker: it is stable with our one member, and it committed offsets.
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]?.state).toBe("Stable");
      expect(groups[0]?.members).toHaveLength(1);
      const committed = await waitFor(
        () => admin.fetchOffsets({ groupId, topics: [topic] }),
        (offsets) => offsets[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0) === RECORDS,
        { timeoutMs: 30_000, description: `group ${groupId} to commit offsets for all ${RECORDS} records` },
      );
      expect(committed[0]?.partitions).toHaveLength(PARTITIONS);
    } finally {
      await consumer.disconnect();
    }

    expect(receivedCount).toBe(RECORDS);
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const expected = sequences.filter((sequence) => sequence % PARTITIONS === partition);
      expect(received.get(partition)).toEqual(expected);
    }
  });
});
