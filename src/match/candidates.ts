/** LSH candidates: documents that share a band key, each pair once, packed in a double. */

/** Documents one clustering pass can hold: a pair (a, b) is packed as a * 2^26 + b, exact in a double. */
export const MAX_DOCUMENTS = 2 ** 26;

/** A pair packed as a * 2^26 + b, smaller first. */
export const pairKey = (a: number, b: number): number => (a < b ? a * MAX_DOCUMENTS + b : b * MAX_DOCUMENTS + a);

/** The two documents of a packed pair, smaller first. */
export function unpackPair(p: number): [number, number] {
  const a = Math.floor(p / MAX_DOCUMENTS);
  return [a, p - a * MAX_DOCUMENTS];
}

/**
 * Candidate pairs: documents sharing a key in any band, each pair once, as a sorted list of packed
 * pairs (see unpackPair). Per band, documents are sorted by key with a two-pass radix sort (16
 * bits a pass, stable, so equal keys keep document order): linear in the documents, and with no
 * limit but MAX_DOCUMENTS, where packing key and document into one double stopped at 2^21.
 */
export function candidatePairs(bandKeysFlat: Uint32Array, count: number, bands: number, maxBucket = 64): Float64Array {
  if (count > MAX_DOCUMENTS) throw new RangeError(`too many documents for one clustering pass (${count}; at most 2^26)`);
  // Pairs as found, repeats included (a close copy shares several bands), then sorted and made
  // distinct: 8 bytes a pair, where a Set took about 40 and was a scan's peak at a million pages.
  let pairs = new Float64Array(1024);
  let found = 0;
  const add = (pair: number): void => {
    if (found === pairs.length) {
      const grown = new Float64Array(found * 2);
      grown.set(pairs);
      pairs = grown;
    }
    pairs[found++] = pair;
  };
  let keys = new Uint32Array(count);
  let docs = new Uint32Array(count);
  let keys2 = new Uint32Array(count);
  let docs2 = new Uint32Array(count);
  const counts = new Uint32Array(65536);
  const pass = (shift: number): void => {
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
    let at = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = at;
      at += c;
    }
    for (let i = 0; i < count; i++) {
      const k = keys[i]!;
      const to = counts[(k >>> shift) & 0xffff]!++;
      keys2[to] = k;
      docs2[to] = docs[i]!;
    }
    [keys, keys2] = [keys2, keys];
    [docs, docs2] = [docs2, docs];
  };
  for (let b = 0; b < bands; b++) {
    for (let i = 0; i < count; i++) {
      keys[i] = bandKeysFlat[i * bands + b]!;
      docs[i] = i;
    }
    pass(0);
    pass(16);
    for (let start = 0; start < count; ) {
      const key = keys[start]!;
      let end = start + 1;
      while (end < count && keys[end] === key) end++;
      const run = end - start;
      if (run > 1) {
        if (run <= maxBucket) {
          for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) add(docs[x]! * MAX_DOCUMENTS + docs[y]!);
        } else {
          // A huge bucket (many copies of one text): a star and a chain keep it connected
          // without its quadratic number of pairs; the linkage rule checks the rest on demand.
          const first = docs[start]!;
          for (let x = start + 1; x < end; x++) {
            add(first * MAX_DOCUMENTS + docs[x]!);
            if (x > start + 1) add(docs[x - 1]! * MAX_DOCUMENTS + docs[x]!);
          }
        }
      }
      start = end;
    }
  }
  return sortedDistinct(pairs, found, count);
}

/**
 * The first `found` packed pairs of `pairs` (documents below `count`), sorted and without repeats.
 * Bucketed by first document (a counting sort), then each document's few second documents sorted
 * on their own: at a million pages (eight million pairs found) a fifth of the time the built-in
 * sort of the packed pairs took, which was most of the candidate search.
 */
export function sortedDistinct(pairs: Float64Array, found: number, count: number): Float64Array {
  const starts = new Uint32Array(count + 1);
  for (let i = 0; i < found; i++) starts[Math.floor(pairs[i]! / MAX_DOCUMENTS) + 1]!++;
  for (let d = 0; d < count; d++) starts[d + 1]! += starts[d]!;
  const seconds = new Uint32Array(found);
  const next = starts.slice(0, count);
  for (let i = 0; i < found; i++) {
    const a = Math.floor(pairs[i]! / MAX_DOCUMENTS);
    seconds[next[a]!++] = pairs[i]! - a * MAX_DOCUMENTS;
  }
  // Written over `pairs` from its start: it is read no more.
  let distinct = 0;
  for (let a = 0; a < count; a++) {
    const from = starts[a]!;
    const to = starts[a + 1]!;
    if (to - from > 16) seconds.subarray(from, to).sort();
    else {
      for (let i = from + 1; i < to; i++) {
        const b = seconds[i]!;
        let j = i - 1;
        while (j >= from && seconds[j]! > b) {
          seconds[j + 1] = seconds[j]!;
          j--;
        }
        seconds[j + 1] = b;
      }
    }
    for (let i = from; i < to; i++) if (i === from || seconds[i] !== seconds[i - 1]) pairs[distinct++] = a * MAX_DOCUMENTS + seconds[i]!;
  }
  return pairs.slice(0, distinct);
}
