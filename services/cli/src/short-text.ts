/** The longest record key, value or attribute text shown in one line. */
const MAX_SHOWN_CHARS = 120;

/**
 * Text on one line (control characters escaped as JSON escapes them; quotes left alone, so a JSON value
 * reads as itself), cut at a readable length with the full length said.
 */
export function shortText(text: string): string {
  const oneLine = Array.from(text, (c) => (c < " " || c === "\\" ? JSON.stringify(c).slice(1, -1) : c)).join(
    "",
  );
  return oneLine.length <= MAX_SHOWN_CHARS
    ? oneLine
    : `${oneLine.slice(0, MAX_SHOWN_CHARS)}… (${oneLine.length} chars)`;
}
