import type { RawLoopJob, RawLoopReport } from "./job.js";
import { runLatency } from "./latency-loop.js";
import type { ConnectLoopClients } from "./loop-clients.js";
import { runThroughput } from "./throughput-loop.js";

/**
 * The body of a raw client loop program, run by the bench in a process of its own (so its memory and CPU
 * are its own): does the job given as JSON in argv[2] with the clients `connect` makes, and prints its
 * report as one JSON line on stdout.
 */
export async function runJobFromArgv(connect: ConnectLoopClients): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? "{}") as RawLoopJob;
  const clients = await connect(job.bootstrap, job.topic);
  const report: RawLoopReport =
    job.kind === "throughput" ? await runThroughput(clients, job) : await runLatency(clients, job);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
