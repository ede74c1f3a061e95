import { runJobFromArgv } from "../raw-loop/run-job.js";
import { connectPlatformaticClients } from "./platformatic-clients.js";

/** Row B2's program: the raw client loop with @platformatic/kafka (see raw-loop/run-job.ts). */
await runJobFromArgv(connectPlatformaticClients);
