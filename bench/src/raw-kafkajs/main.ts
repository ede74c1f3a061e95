import { Kafka, logLevel } from "kafkajs";
import type { RawKafkajsJob, RawKafkajsReport } from "./job.js";
import { runLatency } from "./latency-loop.js";
import { runThroughput } from "./throughput-loop.js";

/**
 * Row B's program, run by the bench in a process of its own (so its memory and CPU are its own): does
 * the job given as JSON in argv[2] and prints its report as one JSON line.
 */
const job = JSON.parse(process.argv[2] ?? "{}") as RawKafkajsJob;
const kafka = new Kafka({ clientId: "bench-raw-kafkajs", brokers: [job.bootstrap], logLevel: logLevel.WARN });
const report: RawKafkajsReport =
  job.kind === "throughput" ? await runThroughput(kafka, job) : await runLatency(kafka, job);
process.stdout.write(`${JSON.stringify(report)}\n`);
