const RUNS = /\d+|\D+/g;

const codeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Locators in natural order: `feed.jsonl:27` before `feed.jsonl:2627`, `a.warc.gz#900` before
 * `a.warc.gz#10240`, `page9.html` before `page10.html`. Runs of digits compare as numbers (of any
 * length: by digit count, then digits), everything else by code unit, not by the locale, so every
 * machine sorts alike. Strings that differ only in leading zeros fall back to code-unit order, so
 * the order is total and the output deterministic.
 */
export function compareNatural(a: string, b: string): number {
  const ra = a.match(RUNS) ?? [];
  const rb = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const xs = x.replace(/^0+(?=\d)/, '');
      const ys = y.replace(/^0+(?=\d)/, '');
      if (xs.length !== ys.length) return xs.length - ys.length;
      if (xs !== ys) return codeUnits(xs, ys);
      continue;
    }
    return codeUnits(x, y);
  }
  return ra.length - rb.length || codeUnits(a, b);
}
