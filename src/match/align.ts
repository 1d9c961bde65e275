/**
 * What two texts share and what each has alone, word by word: the passages behind a Jaccard
 * figure. Words are compared by their normalised form (normalizeText, tokenize), so quote, case
 * and script-fold variants count as equal; positions and texts are those of the original spelling.
 *
 * Long texts stay fast by anchoring (patience diff): word k-shingles that occur exactly once in
 * each text, chained in increasing order in both, are matched first; only the gaps between
 * anchors are diffed word by word. The core imports no package, so the word differ is passed in:
 * `diffArrays` from the `diff` package (jsdiff) fits `ArrayDiff`.
 */
import { normalizeText } from '../text/normalize.js';
import { overlap, shingleSet, tokenHashes } from '../text/shingles.js';
import { tokenize } from '../text/tokens.js';

/** A word differ over two key arrays, returning runs in order; undefined when it gave up (maxEditLength). */
type ArrayDiff = (
  a: string[],
  b: string[],
  options: { maxEditLength: number },
) => readonly { count?: number | undefined; added: boolean; removed: boolean }[] | undefined;

export interface AlignOptions {
  /** Words per shingle, as in scan (-k). */
  shingleSize: number;
  /** Diffs the gaps between anchors: `diffArrays` from the `diff` package. */
  diffArrays: ArrayDiff;
}

/** A word (or words) one copy spells differently inside a shared passage. */
interface WordChange {
  /** A's spelling, '' when B inserted words here. */
  a: string;
  /** B's spelling, '' when B left A's words out. */
  b: string;
  /** Index of A's first changed word (where B's words go, when `a` is ''). */
  aWord: number;
  /** Index of B's first changed word (where A's words were, when `b` is ''). */
  bWord: number;
  /** Where `a` starts in the passage's text (UTF-16 code units). */
  offset: number;
}

/** A run of words: in both texts (shared), or in one only. */
export interface Passage {
  /** First and last word index in A (inclusive), or null when only B has it. */
  a: [number, number] | null;
  /** First and last word index in B (inclusive), or null when only A has it. */
  b: [number, number] | null;
  /** Words in it: for a shared passage, the words both copies have (changed words not counted). */
  words: number;
  /** Its text as printed in A (in B for a passage only B has). */
  text: string;
  /** Words spelled differently inside a shared passage; empty for a passage in one text only. */
  changes: WordChange[];
}

export interface Alignment {
  /** Exact Jaccard of the two shingle sets, as scan computes it. */
  jaccard: number;
  /** Share of the shorter text's shingles found in the longer one. */
  containment: number;
  /** Passages both texts have, in order (the same order in both). */
  shared: Passage[];
  /** Passages only A has, in A's order. */
  onlyA: Passage[];
  /** Passages only B has, in B's order. */
  onlyB: Passage[];
}

/** A word of the original text: its normalised form and where it is printed. */
interface Word {
  key: string;
  /** Span in the original text, with the punctuation attached to it. */
  start: number;
  end: number;
}

/** A stretch of both texts, [a0, a1) in A and [b0, b1) in B: equal words, or an edit between them. */
interface Segment {
  equal: boolean;
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Replacements up to this many words a side inside a shared passage are changes, not passages. */
const MAX_CHANGE_WORDS = 3;
/**
 * Beyond this many edits a gap is taken as two different texts: a diff of disjoint texts costs
 * the square of their length and finds only stray common words.
 */
const MAX_EDIT_LENGTH = 500;
/** Gaps longer than this on both sides are anchored again before they are diffed. */
const RECURSE_WORDS = 64;

const CHUNK = /\S+/gu;

/** The words of a text: each whitespace-separated chunk gives the tokens tokenize() finds in it. */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(CHUNK)) {
    const chunk = m[0];
    const at = m.index;
    const keys = tokenize(normalizeText(chunk));
    if (keys.length === 1) words.push({ key: keys[0]!, start: at, end: at + chunk.length });
    else if (keys.length > 1) {
      const starts = tokenStarts(chunk, keys);
      for (let i = 0; i < keys.length; i++) {
        words.push({ key: keys[i]!, start: at + (i === 0 ? 0 : starts[i]!), end: at + (i + 1 < keys.length ? starts[i + 1]! : chunk.length) });
      }
    }
  }
  return words;
}

/**
 * Where each token of a chunk with several (well-known, 3分の1, a CJK run) starts in the chunk:
 * the chunk normalised a character at a time keeps a map back to the original offsets. A token
 * that whole-chunk normalisation spells otherwise starts where the one before it did.
 */
function tokenStarts(chunk: string, keys: readonly string[]): number[] {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < chunk.length; ) {
    const cp = chunk.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const n = normalizeText(ch);
    for (let j = 0; j < n.length; j++) origin.push(i);
    folded += n;
    i += ch.length;
  }
  const starts: number[] = [];
  let cursor = 0;
  let last = 0;
  for (const key of keys) {
    const found = folded.indexOf(key, cursor);
    if (found >= 0) {
      last = origin[found]!;
      cursor = found + key.length;
    }
    starts.push(last);
  }
  return starts;
}

/** Shingle (k keys from each position) → its position, or -1 when it occurs more than once. */
function uniqueShingles(keys: readonly string[], k: number): Map<string, number> {
  const at = new Map<string, number>();
  for (let i = 0; i + k <= keys.length; i++) {
    const shingle = keys.slice(i, i + k).join('\u0000');
    at.set(shingle, at.has(shingle) ? -1 : i);
  }
  return at;
}

/** Anchors (a, b): shingles unique in both texts, longest chain increasing in both (patience sorting). */
function anchorChain(keysA: readonly string[], keysB: readonly string[], k: number): [number, number][] {
  const inA = uniqueShingles(keysA, k);
  const inB = uniqueShingles(keysB, k);
  const pairs: [number, number][] = [];
  for (const [shingle, i] of inA) {
    const j = inB.get(shingle);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  // tails[l]: index in pairs of the smallest b ending a chain of length l + 1.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const b = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < b) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const chain: [number, number][] = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = previous[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

/** Appends a segment, merging it into the last one when both are equal or both are edits. */
function push(segments: Segment[], equal: boolean, a0: number, a1: number, b0: number, b1: number): void {
  if (a0 === a1 && b0 === b1) return;
  const last = segments[segments.length - 1];
  if (last !== undefined && last.equal === equal) {
    last.a1 = a1;
    last.b1 = b1;
  } else segments.push({ equal, a0, a1, b0, b1 });
}

/** The word diff of one gap between anchors, [a0, a1) against [b0, b1). */
function diffGap(segments: Segment[], keysA: string[], keysB: string[], a0: number, a1: number, b0: number, b1: number, diffArrays: ArrayDiff): void {
  const runs = a0 < a1 && b0 < b1 ? diffArrays(keysA.slice(a0, a1), keysB.slice(b0, b1), { maxEditLength: MAX_EDIT_LENGTH }) : undefined;
  if (runs === undefined) {
    push(segments, false, a0, a1, b0, b1);
    return;
  }
  let i = a0;
  let j = b0;
  for (const run of runs) {
    const n = run.count ?? 0;
    if (run.removed) push(segments, false, i, (i += n), j, j);
    else if (run.added) push(segments, false, i, i, j, (j += n));
    else push(segments, true, i, (i += n), j, (j += n));
  }
}

/**
 * Equal and edit segments covering [a0, a1) of A and [b0, b1) of B, in order. Shingles unique in
 * a gap may not be unique in the whole text (a sentence printed twice), so a large gap is anchored
 * again on its own, as patience diff recurses; a small one is diffed word by word.
 */
function alignRange(segments: Segment[], keysA: string[], keysB: string[], a0: number, a1: number, b0: number, b1: number, options: AlignOptions): void {
  const k = options.shingleSize;
  const chain = a1 - a0 > RECURSE_WORDS && b1 - b0 > RECURSE_WORDS ? anchorChain(keysA.slice(a0, a1), keysB.slice(b0, b1), k) : [];
  if (chain.length === 0) {
    diffGap(segments, keysA, keysB, a0, a1, b0, b1, options.diffArrays);
    return;
  }
  let ea = a0;
  let eb = b0;
  for (const [ci, cj] of chain) {
    const i = a0 + ci;
    const j = b0 + cj;
    if (i >= ea && j >= eb) {
      alignRange(segments, keysA, keysB, ea, i, eb, j, options);
      push(segments, true, i, i + k, j, j + k);
    } else if (i - j === ea - eb) {
      // Overlaps the anchor before on the same diagonal: one longer run of equal words.
      push(segments, true, ea, i + k, eb, j + k);
    } else continue;
    ea = i + k;
    eb = j + k;
  }
  alignRange(segments, keysA, keysB, ea, a1, eb, b1, options);
}

const size = (s: Segment): number => Math.max(s.a1 - s.a0, s.b1 - s.b0);

/**
 * Stray equal words between two edits (a `the` common to a dropped and an added paragraph) are
 * folded into the edit, as diff-match-patch's semantic cleanup does: a run of equal words no
 * longer than the edit on either side of it. At either end of a text, a run shorter than a
 * shingle goes the same way when the edit beside it is at least as long.
 */
function foldStrayEquals(segments: readonly Segment[], k: number): Segment[] {
  const out: Segment[] = [];
  const merge = (): void => {
    // out ends edit, equal, edit: one edit.
    const next = out.pop()!;
    out.pop();
    const prev = out[out.length - 1]!;
    prev.a1 = next.a1;
    prev.b1 = next.b1;
  };
  for (const seg of segments) {
    out.push({ ...seg });
    if (seg.equal) continue;
    for (;;) {
      const n = out.length;
      if (n >= 3 && out[n - 2]!.equal && !out[n - 3]!.equal && size(out[n - 2]!) <= size(out[n - 3]!) && size(out[n - 2]!) <= size(out[n - 1]!)) merge();
      else break;
    }
  }
  const edge = (equal: Segment | undefined, edit: Segment | undefined): boolean =>
    equal !== undefined && edit !== undefined && equal.equal && !edit.equal && size(equal) < k && size(equal) <= size(edit);
  if (edge(out[0], out[1])) {
    out[1]!.a0 = 0;
    out[1]!.b0 = 0;
    out.shift();
  }
  if (edge(out[out.length - 1], out[out.length - 2])) {
    const last = out.pop()!;
    out[out.length - 1]!.a1 = last.a1;
    out[out.length - 1]!.b1 = last.b1;
  }
  return out;
}

/** What two texts share and what each has alone; see the module comment. */
export function alignTexts(a: string, b: string, options: AlignOptions): Alignment {
  const k = options.shingleSize;
  const { jaccard, containment } = overlap(shingleSet(tokenHashes(a), k), shingleSet(tokenHashes(b), k));
  const wordsA = wordsOf(a);
  const wordsB = wordsOf(b);
  const raw: Segment[] = [];
  alignRange(raw, wordsA.map((w) => w.key), wordsB.map((w) => w.key), 0, wordsA.length, 0, wordsB.length, options);
  const segments = foldStrayEquals(raw, k);

  const span = (text: string, words: Word[], from: number, to: number): string => (from < to ? text.slice(words[from]!.start, words[to - 1]!.end) : '');
  const only = (text: string, words: Word[], from: number, to: number): Omit<Passage, 'a' | 'b'> => ({
    words: to - from,
    text: span(text, words, from, to),
    changes: [],
  });

  const shared: Passage[] = [];
  const onlyA: Passage[] = [];
  const onlyB: Passage[] = [];
  let open: { a0: number; b0: number; a1: number; b1: number; words: number; changes: { a0: number; a1: number; b0: number; b1: number }[] } | null = null;
  const close = (): void => {
    if (open === null) return;
    const start = wordsA[open.a0]!.start;
    shared.push({
      a: [open.a0, open.a1 - 1],
      b: [open.b0, open.b1 - 1],
      words: open.words,
      text: span(a, wordsA, open.a0, open.a1),
      changes: open.changes.map((c) => ({
        a: span(a, wordsA, c.a0, c.a1),
        b: span(b, wordsB, c.b0, c.b1),
        aWord: c.a0,
        bWord: c.b0,
        offset: wordsA[c.a0]!.start - start,
      })),
    });
    open = null;
  };
  segments.forEach((seg, s) => {
    if (seg.equal) {
      if (open === null) open = { a0: seg.a0, b0: seg.b0, a1: seg.a1, b1: seg.b1, words: 0, changes: [] };
      open.a1 = seg.a1;
      open.b1 = seg.b1;
      open.words += seg.a1 - seg.a0;
      return;
    }
    const inside = open !== null && segments[s + 1]?.equal === true;
    if (inside && seg.a1 - seg.a0 <= MAX_CHANGE_WORDS && seg.b1 - seg.b0 <= MAX_CHANGE_WORDS) {
      open!.changes.push({ a0: seg.a0, a1: seg.a1, b0: seg.b0, b1: seg.b1 });
      return;
    }
    close();
    if (seg.a0 < seg.a1) onlyA.push({ a: [seg.a0, seg.a1 - 1], b: null, ...only(a, wordsA, seg.a0, seg.a1) });
    if (seg.b0 < seg.b1) onlyB.push({ a: null, b: [seg.b0, seg.b1 - 1], ...only(b, wordsB, seg.b0, seg.b1) });
  });
  close();
  return { jaccard, containment, shared, onlyA, onlyB };
}
