import { runJobFromArgv } from "../raw-loop/run-job.js";
import { connectKafkajsClients } from "./kafkajs-clients.js";

/** Row B's program: the raw client loop with kafkajs (see raw-loop/run-job.ts). */
await runJobFromArgv(connectKafkajsClients);
