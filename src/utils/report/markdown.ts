/** A markdown table; `|` inside a cell is escaped so it cannot split the row. */
export const markdownTable = (header: string[], rows: string[][]): string => {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
};

/** "+1.23", "-0.50" or "N/A": a number to 2 decimals with its sign. */
export const formatSigned = (value: number | null): string =>
  value === null ? "N/A" : `${value > 0 ? "+" : ""}${value.toFixed(2)}`;

/** "+1.23%", "-0.50%" or "N/A". */
export const formatPercent = (value: number | null): string => (value === null ? "N/A" : `${formatSigned(value)}%`);

/** A ratio to 3 decimals, or "N/A". */
export const formatRatio = (value: number | null): string => (value === null ? "N/A" : value.toFixed(3));
