import { resolve } from "node:path";
import { inject } from "vitest";
import { EtcdCoordinationStore } from "../src/etcd-coordination-store.js";
import { describeCoordinationStore } from "./coordination-store-suite.js";
import "../../../test/stack-context.js";

const endpoint = inject("etcdEndpoint");

describeCoordinationStore(
  "etcd",
  async () => new EtcdCoordinationStore([endpoint]),
  (args) => ({
    command: process.execPath,
    args: ["--import", "tsx", resolve(import.meta.dirname, "fixtures/campaigner.ts"), endpoint, ...args],
  }),
);
