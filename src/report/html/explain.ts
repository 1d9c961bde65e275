/** An alignment (match/align.ts) as the explain view shows it: one list of passages in reading order. */
import type { Alignment, Passage } from '../../match/align.js';
import { round } from '../round.js';
import type { ExplainSegment, ExplainView } from './model.js';

/** A cluster member's text aligned with its group's base copy: A is the base, B the member. */
export interface MemberAlignment {
  /** Key (scan: path) of the base copy. */
  base: string;
  alignment: Alignment;
}

/** Explain views by member key (scan: path), for the members whose texts were kept. */
export type MemberAlignments = ReadonlyMap<string, MemberAlignment>;

/** A shared passage's text in A's spelling, with B's other spellings of a few words marked. */
function changesOf(p: Passage): ExplainSegment['changes'] {
  if (p.changes.length === 0) return undefined;
  const out: NonNullable<ExplainSegment['changes']> = [];
  let at = 0;
  for (const c of [...p.changes].sort((x, y) => x.offset - y.offset)) {
    if (c.offset > at) out.push({ kind: 'same', text: p.text.slice(at, c.offset) });
    // An insertion lands before the word at `offset`: keep the space between words on its left.
    if (c.a !== '') out.push({ kind: 'base', text: c.a });
    if (c.b !== '') out.push({ kind: 'copy', text: c.a === '' ? c.b + ' ' : c.b });
    at = Math.max(at, c.offset + c.a.length);
  }
  if (at < p.text.length) out.push({ kind: 'same', text: p.text.slice(at) });
  return out;
}

/**
 * Shared passages are in the same order in both texts, so each passage of one text alone falls in
 * the gap before the first shared passage that follows it: per gap, the base's own words (as a
 * diff shows what went), then the copy's, then the shared passage.
 */
export function explainView({ base, alignment }: MemberAlignment): ExplainView {
  const shared = [...alignment.shared].sort((x, y) => x.a![0] - y.a![0]);
  const gapOf = (pos: number, side: 'a' | 'b'): number => {
    const i = shared.findIndex((s) => s[side]![0] > pos);
    return i < 0 ? shared.length : i;
  };
  const gaps: ExplainSegment[][] = Array.from({ length: shared.length + 1 }, () => []);
  for (const p of alignment.onlyA) gaps[gapOf(p.a![0], 'a')]!.push({ kind: 'base', text: p.text, words: p.words });
  for (const p of alignment.onlyB) gaps[gapOf(p.b![0], 'b')]!.push({ kind: 'copy', text: p.text, words: p.words });
  const segments: ExplainSegment[] = [];
  gaps.forEach((gap, i) => {
    segments.push(...gap);
    const s = shared[i];
    if (s === undefined) return;
    const changes = changesOf(s);
    segments.push({ kind: 'shared', text: s.text, words: s.words, ...(changes !== undefined ? { changes } : {}) });
  });
  return { base, jaccard: round(alignment.jaccard), containment: round(alignment.containment), segments };
}
