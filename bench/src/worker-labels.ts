/**
 * The stack runs several workers, and the tables show each on a line of its own, labelled by its worker id
 * ("worker-1", "worker-2", ...): the worker targets and totals read every line this accepts. Results
 * written before there could be more than one worker (`--report` of an older results.json) call it
 * "worker".
 */
export function isWorkerLabel(label: string): boolean {
  return /^worker(-\d+)?$/.test(label);
}
