/**
 * Candidate pairs with both shingle sets, read from a scan's scratch file in long runs: what
 * clustering verifies, on the main thread or in verification workers (verify-worker.ts).
 */
import { verifyCandidate, type MatchRule } from '../match/accept.js';
import { MAX_DOCUMENTS } from '../match/candidates.js';
import type { SpillReader } from './scratch.js';

/** Bytes of first documents' shingle sets held at once, and bytes read at once for second ones. */
const FIRST_SPAN_BYTES = 32 << 20;
const SECOND_READ_BYTES = 4 << 20;

/**
 * Every candidate pair with both shingle sets, read from the scratch file in long runs. Pairs are
 * sorted by their first document, and documents lie in the file in order: a block of first
 * documents is one read of at most FIRST_SPAN_BYTES; that block's pairs, sorted by second
 * document, are then met in file order, each read taking the next SECOND_READ_BYTES that hold a
 * wanted set. At a million pages one read per pair (seven million reads) was 50 seconds of a
 * scan's main thread; a read of 4 MB from the page cache costs about what a few dozen small ones do.
 */
export function forEachPairShingles(
  reader: SpillReader,
  offsets: Float64Array,
  counts: Uint32Array,
  pairs: Float64Array,
  visit: (a: number, b: number, first: Uint32Array, second: Uint32Array, index: number) => void,
): void {
  const firstOf = (p: number): number => Math.floor(p / MAX_DOCUMENTS);
  if (reader.inMemory) {
    // Sets in memory are seen where they lie: copying them into blocks cost a scan of ten
    // thousand pages a tenth of its main thread (and a 32 MB block of fresh memory).
    const set = (doc: number): Uint32Array => reader.u32View(offsets[doc]!, counts[doc]!) ?? reader.readU32At(offsets[doc]!, counts[doc]!);
    for (let i = 0; i < pairs.length; i++) {
      const a = firstOf(pairs[i]!);
      const b = pairs[i]! - a * MAX_DOCUMENTS;
      visit(a, b, set(a), set(b), i);
    }
    return;
  }
  const endOf = (doc: number): number => offsets[doc]! + 4 * counts[doc]!;
  let firsts = new Uint32Array(0);
  let seconds = new Uint32Array(0);
  let order = new Float64Array(0);
  for (let p = 0; p < pairs.length; ) {
    // The block: pairs whose first documents' sets span at most FIRST_SPAN_BYTES (at least one
    // document), and fewer than MAX_DOCUMENTS pairs, so that a pair's place packs beside its second.
    const lo = firstOf(pairs[p]!);
    let q = p + 1;
    while (q < pairs.length && q - p < MAX_DOCUMENTS && endOf(firstOf(pairs[q]!)) - offsets[lo]! <= FIRST_SPAN_BYTES) q++;
    const hi = firstOf(pairs[q - 1]!);
    const spanWords = (endOf(hi) - offsets[lo]!) / 4;
    if (firsts.length < spanWords) firsts = new Uint32Array(Math.max(spanWords, 2 * firsts.length));
    const block = reader.readU32Into(firsts, offsets[lo]!, spanWords);
    // The block's pairs by second document (then by place): seconds are met in file order. Packed
    // as second * 2^26 + place and sorted as numbers, without a compare function: a third of the
    // time the compare function took (150,000 pairs, in-process loops).
    const n = q - p;
    if (order.length < n) order = new Float64Array(Math.max(n, 2 * order.length));
    for (let i = 0; i < n; i++) {
      const pair = pairs[p + i]!;
      order[i] = (pair - firstOf(pair) * MAX_DOCUMENTS) * MAX_DOCUMENTS + i;
    }
    const byPair = order.subarray(0, n).sort();
    let from = 0;
    let to = 0;
    for (let i = 0; i < n; i++) {
      const b = Math.floor(byPair[i]! / MAX_DOCUMENTS);
      const index = p + (byPair[i]! - b * MAX_DOCUMENTS);
      const a = firstOf(pairs[index]!);
      if (offsets[b]! < from || endOf(b) > to) {
        // The next read: from this set on, as far as the wanted sets within SECOND_READ_BYTES go.
        from = offsets[b]!;
        to = endOf(b);
        for (let j = i + 1; j < n; j++) {
          const end = endOf(Math.floor(byPair[j]! / MAX_DOCUMENTS));
          if (end - from > SECOND_READ_BYTES) break;
          to = Math.max(to, end);
        }
        const words = (to - from) / 4;
        if (seconds.length < words) seconds = new Uint32Array(Math.max(words, SECOND_READ_BYTES / 4));
        reader.readU32Into(seconds, from, words);
      }
      const at = (offsets[a]! - offsets[lo]!) / 4;
      const bt = (offsets[b]! - from) / 4;
      visit(a, b, block.subarray(at, at + counts[a]!), seconds.subarray(bt, bt + counts[b]!), index);
    }
    p = q;
  }
}

/**
 * verifyCandidate's answer on each of `pairs` (shingle sets read as forEachPairShingles reads
 * them): the shingles the two share when they are a copy, else -1; -1 too when either has no text,
 * which clustering never compares.
 */
export function verifyPairs(reader: SpillReader, offsets: Float64Array, counts: Uint32Array, pairs: Float64Array, rule: MatchRule): Int32Array {
  const shared = new Int32Array(pairs.length).fill(-1);
  forEachPairShingles(reader, offsets, counts, pairs, (_a, _b, first, second, index) => {
    if (first.length === 0 || second.length === 0) return;
    const v = verifyCandidate(first, second, rule);
    if (v !== null) shared[index] = v.intersection;
  });
  return shared;
}
