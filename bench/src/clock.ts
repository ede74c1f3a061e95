/**
 * Wall-clock microseconds since the epoch, with the monotonic clock's resolution: the writer and the
 * reader of a latency run are the same process, so their readings compare exactly.
 */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
