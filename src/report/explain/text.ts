import type { Passage } from '../../match/align.js';
import { PLAIN, type TextStyle } from '../style.js';
import type { ExplainedPage, ExplainReport } from './types.js';

/** Outlet, dateline and date, as far as extraction found them. */
function source(page: ExplainedPage): string {
  const parts = [page.outlet, page.dateline, page.published !== page.dateline ? page.published : null].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : '(no outlet or date found)';
}

const range = (side: string, r: [number, number] | null): string | null => (r === null ? null : `${side} words ${r[0]}–${r[1]}`);

/** A shared passage's text with each change marked wdiff-style: [-A's spelling-]{+B's+}. */
function marked(p: Passage, style: TextStyle): string {
  let out = '';
  let at = 0;
  for (const c of p.changes) {
    out += p.text.slice(at, c.offset);
    if (c.a !== '') out += style.dim(`[-${c.a}-]`);
    if (c.b !== '') out += style.accent(`{+${c.b}+}`) + (c.a === '' ? ' ' : '');
    at = c.offset + c.a.length;
  }
  return out + p.text.slice(at);
}

/**
 * Both pages, the overlap figures, then every passage in reading order: each shared passage
 * preceded by what either page has alone just before it.
 */
export function formatExplainText(report: ExplainReport, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const [side, page] of [['A', report.a], ['B', report.b]] as const) {
    out.push(`${style.bold(side)}  ${style.bold(page.path)}`, `   ${source(page)} · ${page.words} words`);
  }
  const sum = (ps: Passage[]): number => ps.reduce((n, p) => n + p.words, 0);
  const changes = report.shared.reduce((n, p) => n + p.changes.length, 0);
  out.push(
    '',
    `jaccard ${report.jaccard}  containment ${report.containment}  ${style.dim(`(${report.shingleSize}-word shingles)`)}`,
    `${sum(report.shared)} words shared in ${report.shared.length} passages, ${changes} changed; ` +
      `${sum(report.onlyA)} words only in A (${report.onlyA.length}), ${sum(report.onlyB)} only in B (${report.onlyB.length})`,
  );

  const heading = (label: string, p: Passage): string =>
    style.bold(label === 'shared' ? `── ${label}` : style.accent(`── ${label}`)) + style.dim(`  ${[range('A', p.a), range('B', p.b)].filter((r) => r !== null).join(', ')} (${p.words} words${p.changes.length > 0 ? `, ${p.changes.length} changed` : ''})`);
  let nextA = 0;
  let nextB = 0;
  const alone = (upToA: number, upToB: number): void => {
    for (; nextA < report.onlyA.length && report.onlyA[nextA]!.a![0] < upToA; nextA++) out.push('', heading('only in A', report.onlyA[nextA]!), report.onlyA[nextA]!.text);
    for (; nextB < report.onlyB.length && report.onlyB[nextB]!.b![0] < upToB; nextB++) out.push('', heading('only in B', report.onlyB[nextB]!), report.onlyB[nextB]!.text);
  };
  for (const p of report.shared) {
    alone(p.a![0], p.b![0]);
    out.push('', heading('shared', p), marked(p, style));
  }
  alone(Infinity, Infinity);
  return out.join('\n') + '\n';
}
