/** How text reports look: plain, or with ANSI styles on a terminal; and their aligned tables. */
export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
  accent(s: string): string;
}

export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s, accent: (s) => s };
export const ANSI: TextStyle = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  accent: (s) => `\u001b[36m${s}\u001b[39m`,
};

export function table(rows: string[][], style: TextStyle, header: string[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [style.dim(fmt(header)), ...rows.map(fmt)];
}
