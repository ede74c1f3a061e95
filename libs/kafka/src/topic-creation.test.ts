import { describe, expect, it } from "vitest";
import type { Admin, TopicToCreate } from "./admin.js";
import { createTopic } from "./topic-creation.js";

/** An admin of a cluster of `brokers` brokers holding the `existing` topics; it keeps what it is asked. */
function adminOf(brokers: number, existing: readonly string[] = []) {
  const requests: { topics: TopicToCreate[]; waitForLeaders?: boolean }[] = [];
  const admin: Pick<Admin, "describeCluster" | "createTopics"> = {
    describeCluster: async () => ({
      brokers: Array.from({ length: brokers }, (_, nodeId) => ({ nodeId })),
      controller: 0,
      clusterId: "c",
    }),
    createTopics: async (request) => {
      requests.push(request);
      return !request.topics.every(({ topic }) => existing.includes(topic));
    },
  };
  return { admin: admin as Admin, requests };
}

describe("createTopic", () => {
  it.each([
    ["caps the replication factor to the brokers there are", 3, 1, 1],
    ["keeps one within them", 2, 3, 2],
    ["asks for one replica at least", 0, 3, 1],
    ["leaves -1 to the broker", -1, 3, -1],
  ])("%s", async (_, requested, brokers, expected) => {
    const { admin, requests } = adminOf(brokers);
    const creation = await createTopic(admin, { topic: "t", numPartitions: 1, replicationFactor: requested });
    expect(creation).toEqual({ created: true, replicationFactor: expected });
    expect(requests).toEqual([
      { topics: [{ topic: "t", numPartitions: 1, replicationFactor: expected }], waitForLeaders: true },
    ]);
  });

  it("passes the topic's configs on", async () => {
    const { admin, requests } = adminOf(1);
    const configEntries = [{ name: "cleanup.policy", value: "compact" }];
    await createTopic(admin, { topic: "offsets", numPartitions: 25, replicationFactor: 3, configEntries });
    expect(requests[0]?.topics).toEqual([
      { topic: "offsets", numPartitions: 25, replicationFactor: 1, configEntries },
    ]);
  });

  it("says when the topic existed already", async () => {
    const { admin } = adminOf(1, ["t"]);
    expect(await createTopic(admin, { topic: "t", numPartitions: 1, replicationFactor: 1 })).toEqual({
      created: false,
      replicationFactor: 1,
    });
  });
});
