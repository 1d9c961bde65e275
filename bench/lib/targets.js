// The "issue targets" summary of bench/run.js: the figures the issue's "done when" names, each as
// min, median and max of its runs, from the results of one run of the benchmarks (see run.js).
import { round, table } from './util.js';

const sp = (s, d = 2) => (s && Number.isFinite(s.median) ? { min: round(s.min, d), median: round(s.median, d), max: round(s.max, d), n: s.n ?? null } : null);

/** One target row: figure (min/median/max), target, PASS/FAIL on the median and on the max. */
function target(what, stats, limit, unit, note) {
  const lim = limit === null ? null : `≤ ${unit === '×' ? limit.toFixed(1) : limit}${unit}`;
  if (typeof stats === 'string') return { what, status: stats, target: lim, note };
  if (!stats) return { what, status: 'no figure', target: lim, note };
  const row = { what, ...stats, unit: unit.trim() || null, target: lim, note };
  if (limit !== null) {
    row.status = stats.median <= limit ? 'PASS' : 'FAIL';
    row.allRuns = stats.max <= limit ? 'PASS' : 'FAIL';
  } else row.status = 'info';
  if (stats.n !== null && stats.n < 3) row.note = [note, `only ${stats.n} run(s)`].filter(Boolean).join('; ');
  return row;
}

export function issueTargets(results, ran, quick) {
  const why = (name) => (ran[name] === 'failed' ? 'failed in this run' : ran[name] === 'skipped' ? 'skipped in this run' : 'not run');
  const rows = [];
  const f = results.floor;
  rows.push(target('plain text: reprint CPU ÷ floor CPU per page, --jobs 1', f ? sp(f.ratio?.jobs1Stats) : why('floor'), 2.0, '×', f ? `${f.corpus.pages} AllSides texts; per-repeat ratios (floor, j1, j2 back to back)` : undefined));
  rows.push(target('plain text: reprint CPU ÷ floor CPU per page, --jobs 2', f ? sp(f.ratio?.jobs2Stats) : why('floor'), null, '×', f ? 'no target of its own' : undefined));
  const h = results.html;
  for (const [set, label] of [['news', 'real news pages (fundus, newspaper4k)'], ['readability', 'Readability test pages']]) {
    const r = h?.sets?.[set]?.ratio;
    const stats = !h ? why('html') : r ? sp({ min: r.min, median: r.median, max: r.max, n: r.runs?.length ?? null }, 3) : `bench/html.js gave no ratio for ${set}`;
    rows.push(target(`HTML: reprint ÷ plain Readability, ${label}`, stats, 0.5, '×', h?.sets?.[set] ? `${h.sets[set].corpus.pages} pages; CPU s, whole processes${r?.sameTiering ? `; against the baseline under reprint's V8 tiering ${r.sameTiering.median}× [${r.sameTiering.min}-${r.sameTiering.max}]` : ''}` : undefined));
  }
  const e = results.e2e;
  const m = e?.targets?.oneMillionText;
  const mWhy = !e ? why('e2e') : quick ? 'not run (--quick: the 1M corpus is in the full plan only)' : 'not run (text-jsonl-1M not selected)';
  rows.push(target('1M plain-text pages (JSON Lines, --jobs 2): wall', m && typeof m === 'object' ? sp(m.wallSeconds, 1) : mWhy, 90, ' s'));
  rows.push(target('1M plain-text pages (JSON Lines, --jobs 2): peak RSS', m && typeof m === 'object' ? sp(m.peakRssMiB, 0) : mWhy, 1024, ' MiB', '1 GiB = 1024 MiB'));
  const extra = {};
  if (e && typeof e.linearity === 'object') extra.linearity = { sizes: e.linearity.sizes.map((x) => ({ name: x.name, wallSeconds: x.wallSeconds, peakRssMiB: x.peakRssMiB, secondsPer1kPages: x.secondsPer1kPages, rssAboveBaselineBytesPerPage: x.rssAboveBaselineBytesPerPage })), ratios: e.linearity.ratios };
  if (e) extra.htmlJobs = e.targets.htmlJobs2AtLeast1_7xJobs1.map((x) => ({ name: x.name, pageTemplates: x.pageTemplates, jobs2OverJobs1: x.pairedStats, twoProcessesCeiling: x.twoProcessesStats }));
  return { rows, ...extra };
}

export function formatTargets(t) {
  const f = (r) => (r.median === undefined ? '-' : `${r.median}${r.n > 1 ? ` [${r.min}-${r.max}]` : ''}`);
  const rows = [['issue target', 'median [min-max]', 'runs', 'target', 'status', 'all runs']];
  for (const r of t.rows) rows.push([r.what, f(r) + (r.unit && r.median !== undefined ? ` ${r.unit}` : ''), r.n ?? '-', r.target ?? '-', r.status, r.allRuns ?? '-']);
  const lines = [table(rows)];
  for (const r of t.rows) if (r.note) lines.push(`  ${r.what}: ${r.note}`);
  if (t.linearity) {
    lines.push('1M linearity (JSON Lines, --jobs 2): ' + t.linearity.sizes.map((x) => `${x.name} ${x.wallSeconds.median} s, ${x.secondsPer1kPages} s/1k pages, ${x.rssAboveBaselineBytesPerPage} B/page above baseline`).join('; '));
    for (const q of t.linearity.ratios) lines.push(`  ${q.of}: seconds per page ${q.secondsPerPageRatio}×, RSS above baseline per page ${q.bytesPerPageRatio}× (1.0 = linear)`);
  }
  for (const x of t.htmlJobs ?? []) {
    const s = (v) => (v && Number.isFinite(v.median) ? `${v.median}× [${v.min}-${v.max}]` : '-');
    lines.push(`${x.name} (${x.pageTemplates} templates): --jobs 2 over --jobs 1 ${s(x.jobs2OverJobs1)}, two --jobs 1 processes at once ${s(x.twoProcessesCeiling)}`);
  }
  return lines.join('\n');
}

