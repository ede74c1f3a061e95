import { createBenchTopic, deleteBenchTopic } from "./kafka-topics.js";
import { BROKER_LABEL, ProcessSampler, type SampledProcess } from "./process-sampler.js";
import type { BenchContext } from "./rows/bench-row.js";

/** A sampler already following the broker and `processes`. */
export async function startSampler(
  context: BenchContext,
  processes: readonly SampledProcess[] = [],
): Promise<ProcessSampler> {
  const sampler = new ProcessSampler();
  await sampler.track(BROKER_LABEL, context.brokerPid);
  for (const process of processes) await sampler.track(process.label, process.pid, process.read);
  sampler.start();
  return sampler;
}

/**
 * Runs `measure` on a topic of its own, with a sampler following the broker; afterwards, whatever
 * happened, stops the sampler and deletes the topic.
 */
export async function onFreshTopic<T>(
  context: BenchContext,
  topic: string,
  measure: (sampler: ProcessSampler) => Promise<T>,
): Promise<T> {
  await createBenchTopic(context.admin, topic);
  const sampler = await startSampler(context);
  try {
    return await measure(sampler);
  } finally {
    await sampler.stop();
    await deleteBenchTopic(context.admin, topic);
  }
}
