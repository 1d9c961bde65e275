// Small helpers shared by the benchmarks: seeded PRNG, statistics (median; spread = min, median and
// max of repeated runs, and its printed form), timing, machine info, tables.
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** mulberry32: a small, fast, seeded 32-bit PRNG. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return withDraws(next);
}

/** Adds int(n), pick(arr) and shuffle(arr) to a generator of floats in [0, 1). */
export function withDraws(next) {
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.shuffle = (arr) => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  return next;
}

export const mean = (xs) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * min, median and max of the finite values of xs (rounded to d decimals), with n, the number of
 * values: how every repeated figure of the benchmarks is reported. Empty: all NaN, n 0.
 */
export function spread(xs, d = 3) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { min: NaN, median: NaN, max: NaN, n: 0 };
  return { min: round(Math.min(...v), d), median: round(median(v), d), max: round(Math.max(...v), d), n: v.length };
}

/** A spread as printed in the tables: "median [min-max]", or the value alone for one run. */
export function fmtSpread(s, d = 2) {
  if (!s || !Number.isFinite(s.median)) return '-';
  const f = (x) => String(round(x, d));
  return s.n > 1 ? `${f(s.median)} [${f(s.min)}-${f(s.max)}]` : f(s.median);
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Time fn() `repeats` times (after `warmup` untimed calls); milliseconds of each run. */
export function timeRuns(fn, repeats, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const out = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

export const round = (x, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** A plain text table: rows are arrays of cells, the first row is the header. */
export function table(rows) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  const line = (r) => r.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Format a number with SI-ish suffixes for throughput columns. */
export function fmtRate(x) {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(1);
}
