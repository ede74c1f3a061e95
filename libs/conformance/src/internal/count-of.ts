/** "1 result", "3 results": a count with its noun, for details people read. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
