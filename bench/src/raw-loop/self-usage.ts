/** This process's CPU counter at the start of a measurement. */
export type UsageMark = NodeJS.CpuUsage;

export function startUsage(): UsageMark {
  return process.cpuUsage();
}

/**
 * CPU time since `mark`, and the process's peak resident memory. The program measures itself because a
 * sampler outside would also count the time tsx spends compiling it at start-up.
 */
export function measuredUsage(mark: UsageMark): { cpuSeconds: number; peakRssMb: number } {
  const cpu = process.cpuUsage(mark);
  // maxRSS is in kilobytes.
  return { cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}
