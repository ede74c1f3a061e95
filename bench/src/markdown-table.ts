/**
 * A Markdown table with its columns padded to one width, as Biome formats Markdown, so a generated
 * docs/performance.md passes `npm run lint` unchanged and reads as a table in a terminal too.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escapePipes = (cell: string) => cell.replaceAll("|", "\\|");
  const all = [header, ...rows].map((row) => header.map((_, i) => escapePipes(row[i] ?? "")));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => [...(row[i] ?? "")].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - [...cell].length)).join(" | ")} |`;
  const [head, ...body] = all;
  return [line(head ?? []), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}
