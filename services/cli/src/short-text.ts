/** The longest record key, value or attribute text shown in one line. */
const MAX_SHOWN_CHARS = 120;

/** Text on one line (control characters escaped), cut at a readable length with the full length said. */
export function shortText(text: string): string {
  const oneLine = JSON.stringify(text).slice(1, -1);
  return oneLine.length <= MAX_SHOWN_CHARS
    ? oneLine
    : `${oneLine.slice(0, MAX_SHOWN_CHARS)}… (${oneLine.length} chars)`;
}
