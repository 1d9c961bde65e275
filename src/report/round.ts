/** Four decimals: enough for a share, and the same bytes on every machine. */
export const round = (x: number): number => Math.round(x * 10000) / 10000;
