import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterCandidates, clusterDocuments, documentSource, type Cluster, type ClusterInput, type ClusterSource } from '../../../src/match/cluster.js';
import { candidatePairs, unpackPair } from '../../../src/match/candidates.js';
import { verifyCandidate, verifyPair } from '../../../src/match/accept.js';
import { extractArticle } from '../../../src/extract/article.js';
import { extractPlainText } from '../../../src/extract/plaintext.js';
import { candidateThreshold, optimalLshParams } from '../../../src/sketch/lsh-params.js';
import { createMinHasher } from '../../../src/sketch/minhash.js';
import { shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { fixture } from '../../helpers.js';

const hasher = createMinHasher(128);
const opts = { threshold: 0.5, containment: 0.8, minContainedShingles: 20, lsh: optimalLshParams(candidateThreshold(0.5, 0.8), 128) };

function doc(key: string, text: string): ClusterInput {
  const tokens = tokenHashes(text);
  const shingles = shingleSet(tokens, 5);
  return { key, shingles, signature: hasher.sign(shingles), words: tokens.length };
}

const article = (name: string): string => extractPlainText(readFileSync(fixture('kazakhstan', name), 'utf8')).text;
const page = (name: string): string => extractArticle(readFileSync(fixture('readability', name, 'source.html'), 'utf8'), 'html', 'linkedom').text;
// Real articles that share nothing: two reports on the January 2022 events in Kazakhstan, the
// official statement, and a page of the Readability test corpus.
const A = article('kazakh-president-kill-order.txt');
const B = article('eurasianet-crackdown-republished.txt');
const S = article('official-statement-bare.txt');
const ARS = page('ars-1');
const paragraphs = (t: string): string[] => t.split('\n').filter((l) => l.trim().length > 0);
const lines = (t: string, from: number, to?: number): string => paragraphs(t).slice(from, to).join('\n');

/** A copy of A whose first two paragraphs are replaced by a new intro (a paragraph of another article). */
const A_NEW_INTRO = [lines(ARS, 3, 4), lines(A, 2)].join('\n');

function groups(docs: ClusterInput[]): string[][] {
  return clusterDocuments(docs, opts)
    .clusters.map((c) => c.members.map((m) => docs[m.doc]!.key).sort())
    .sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
}

function together(gs: string[][], ...keys: string[]): boolean {
  return gs.some((g) => keys.every((k) => g.includes(k)));
}

const verdict = (docs: ClusterInput[], a: string, b: string) =>
  verifyPair(docs.find((d) => d.key === a)!.shingles, docs.find((d) => d.key === b)!.shingles, opts);

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every cluster's members, by key, with the representative first. */
function described(docs: ClusterInput[], clusters: Cluster[]): string[][] {
  return clusters
    .map((c) => [docs[c.representative]!.key, ...c.members.filter((m) => m.doc !== c.representative).map((m) => docs[m.doc]!.key).sort()])
    .sort((x, y) => (x.join() < y.join() ? -1 : 1));
}

describe('verifyPair', () => {
  it('accepts by Jaccard, or by containment for a long enough shorter text', () => {
    const full = doc('full', A).shingles;
    const half = doc('half', lines(A, 0, 6)).shingles;
    const v = verifyPair(full, half, opts);
    expect(v.jaccard).toBeLessThan(0.8);
    expect(v.containment).toBe(1);
    expect(v.match).not.toBeNull();
    expect(verifyPair(full, doc('b', B).shingles, opts).match).toBeNull();
    expect(verifyPair(full, half, { ...opts, minContainedShingles: 10_000 }).match).toBe(v.jaccard >= 0.5 ? 'jaccard' : null);
  });
});

describe('clusterDocuments', () => {
  it('groups copies and keeps different articles apart', () => {
    const gs = groups([doc('a1', A), doc('a2', 'Reposted from our partners.\n' + A), doc('b1', B), doc('b2', B)]);
    expect(gs).toEqual([['a1', 'a2'], ['b1', 'b2']]);
  });

  it('leaves out the clusters of one page when asked to, and nothing else', () => {
    const docs = [doc('a', A), doc('a-copy', A), doc('b', B), doc('s', S), doc('ars', ARS), doc('a-intro', A_NEW_INTRO)];
    const all = clusterDocuments(docs, opts);
    const copies = clusterDocuments(docs, { ...opts, singletons: false });
    expect(all.clusters.some((c) => c.members.length === 1)).toBe(true);
    expect(copies.clusters).toEqual(all.clusters.filter((c) => c.members.length > 1));
    expect(copies.clusters.length).toBeGreaterThan(0);
    expect(copies.stats).toEqual(all.stats);
  });

  it('lets an excerpt join the cluster of the page it comes from', () => {
    const excerpt = lines(A, 2, 7);
    const gs = groups([doc('a1', A), doc('a2', A), doc('excerpt', excerpt), doc('b1', B)]);
    expect(together(gs, 'a1', 'a2', 'excerpt')).toBe(true);
    expect(together(gs, 'a1', 'b1')).toBe(false);
  });

  it('keeps an excerpt, a copy with a new intro and the original together, though the two copies do not match', () => {
    const docs = [doc('original', A), doc('excerpt', lines(A, 0, 7)), doc('new-intro', A_NEW_INTRO), doc('other', B)];
    // The case complete linkage lost: both copy the original, not each other.
    expect(verdict(docs, 'original', 'excerpt').match).not.toBeNull();
    expect(verdict(docs, 'original', 'new-intro').match).not.toBeNull();
    expect(verdict(docs, 'excerpt', 'new-intro').match).toBeNull();
    expect(groups(docs)).toEqual([['excerpt', 'new-intro', 'original'], ['other']]);
  });

  it('measures every member against the representative, also one that is a copy of another member only', () => {
    // An excerpt of the new-intro copy: it copies that page, and shares less than the rule asks with the original.
    const docs = [
      doc('a1', A),
      doc('a3', A),
      doc('excerpt', lines(A, 0, 7)),
      doc('new-intro', A_NEW_INTRO),
      doc('intro-excerpt', lines(A_NEW_INTRO, 0, 5)),
    ];
    expect(verdict(docs, 'intro-excerpt', 'new-intro').match).not.toBeNull();
    expect(verdict(docs, 'intro-excerpt', 'a1').match).toBeNull();
    const { clusters } = clusterDocuments(docs, opts);
    expect(clusters).toHaveLength(1);
    const c = clusters[0]!;
    expect(docs[c.representative]!.key).toBe('a1');
    for (const m of c.members) {
      const exact = verifyPair(docs[c.representative]!.shingles, docs[m.doc]!.shingles, opts);
      expect(m.verdict.jaccard).toBe(m.doc === c.representative ? 1 : exact.jaccard);
      expect(m.verdict.containment).toBe(m.doc === c.representative ? 1 : exact.containment);
    }
    const outlier = c.members.find((m) => docs[m.doc]!.key === 'intro-excerpt')!;
    expect(outlier.verdict.match).toBeNull();
    expect(outlier.verdict.containment).toBeGreaterThanOrEqual(0.5);
  });

  it('joins two excerpts that overlap without matching each other', () => {
    const docs = [doc('statement', S), doc('first', lines(S, 0, 12)), doc('later', lines(S, 4, 18)), doc('other', A)];
    expect(verdict(docs, 'first', 'later').match).toBeNull();
    expect(groups(docs)).toEqual([['first', 'later', 'statement'], ['other']]);
  });

  it('treats two disjoint excerpts like a digest: the article joins the larger one, the other stays apart', () => {
    // By their text, an article and two passages of it that share nothing are exactly a digest and
    // the two articles it carries; which of the two it is cannot be told from the shingles.
    const docs = [doc('statement', S), doc('head', lines(S, 0, 9)), doc('tail', lines(S, 16, 26))];
    expect(verdict(docs, 'head', 'tail').intersection).toBe(0);
    const larger = docs[1]!.shingles.length >= docs[2]!.shingles.length ? 'head' : 'tail';
    const gs = groups(docs);
    expect(together(gs, 'head', 'tail')).toBe(false);
    expect(together(gs, 'statement', larger)).toBe(true);
  });

  it('never merges two articles through a digest that carries both, whichever way the edges run', () => {
    const docs = [
      doc('a1', A),
      doc('a2', A_NEW_INTRO),
      doc('b1', B),
      doc('b2', 'Republished with permission.\n' + B),
      // B is 80% of this digest: a Jaccard match with B, a containment match with A.
      doc('digest-ab', `${A}\n${B}`),
      doc('s1', S),
      doc('s2', lines(S, 0, 20)),
      doc('ars1', ARS),
      doc('ars2', ARS),
      doc('digest-s-ars', `${S}\n${ARS}`),
    ];
    expect(verdict(docs, 'digest-ab', 'b1').match).toBe('jaccard');
    expect(verdict(docs, 'digest-ab', 'a1').match).toBe('containment');
    const { clusters } = clusterDocuments(docs, opts);
    const gs = described(docs, clusters);
    const apart = (xs: string[], ys: string[]) => gs.every((g) => !(xs.some((x) => g.includes(x)) && ys.some((y) => g.includes(y))));
    expect(apart(['a1', 'a2'], ['b1', 'b2'])).toBe(true);
    expect(apart(['s1', 's2'], ['ars1', 'ars2'])).toBe(true);
    expect(together(gs, 'a1', 'a2')).toBe(true);
    expect(together(gs, 'ars1', 'ars2')).toBe(true);
    // A digest is listed with the article that covers most of it, never as the representative.
    expect(gs).toContainEqual(['b1', 'b2', 'digest-ab']);
    expect(gs).toContainEqual(['s1', 'digest-s-ars', 's2']);
  });

  it('never chains two articles through a page that quotes both', () => {
    const quoting = [...paragraphs(A), ...paragraphs(B)].join('\n');
    const docs = [doc('a1', A), doc('a2', A), doc('b1', B), doc('b2', B), doc('roundup', quoting)];
    const gs = groups(docs);
    expect(together(gs, 'a1', 'b1')).toBe(false);
    expect(together(gs, 'a1', 'a2')).toBe(true);
    expect(together(gs, 'b1', 'b2')).toBe(true);
    // Whatever the input order.
    const reversed = groups([...docs].reverse());
    expect(reversed).toEqual(gs);
  });

  it('never chains two articles through a passage both of them carry', () => {
    const shared = lines(A, 0, 3);
    const docs = [doc('a', A), doc('a-copy', A), doc('b', B + '\n' + shared), doc('b-copy', B + '\n' + shared), doc('passage', shared)];
    // The passage page is a copy of a part of each: two verified edges, and still no link.
    expect(verdict(docs, 'passage', 'a').match).toBe('containment');
    expect(verdict(docs, 'passage', 'b').match).toBe('containment');
    const gs = groups(docs);
    expect(together(gs, 'a', 'b')).toBe(false);
    expect(together(gs, 'a', 'a-copy')).toBe(true);
    expect(together(gs, 'b', 'b-copy')).toBe(true);
  });

  it('lets a quote under --min-words shingles link nothing at all', () => {
    const quote = paragraphs(A)[0]!.split(/\s+/).slice(0, 18).join(' ');
    const docs = [doc('a', A), doc('b', `${B}\n${quote}`), doc('quote', quote)];
    expect(verdict(docs, 'quote', 'a').containment).toBe(1);
    expect(verdict(docs, 'quote', 'a').match).toBeNull();
    expect(groups(docs)).toEqual([['a'], ['b'], ['quote']]);
  });

  it('does not drift along a chain of near-duplicates: every two members share at least half', () => {
    const words = B.split(/\s+/);
    const window = (from: number) => words.slice(from, from + 600).join(' ');
    const docs = [doc('x', window(0)), doc('y', window(170)), doc('z', window(340))];
    expect(verdict(docs, 'x', 'y').match).toBe('jaccard');
    expect(verdict(docs, 'y', 'z').match).toBe('jaccard');
    expect(verdict(docs, 'x', 'z').containment).toBeLessThan(0.5);
    const gs = groups(docs);
    expect(together(gs, 'x', 'z')).toBe(false);
    expect(gs[0]).toHaveLength(2);
  });

  it('is independent of input order, representatives included', () => {
    const docs = [
      doc('a1', A),
      doc('a2', A),
      doc('e', lines(A, 0, 7)),
      doc('new-intro', A_NEW_INTRO),
      doc('b1', B),
      doc('b2', B),
      doc('digest', `${A}\n${B}`),
      doc('s1', S),
      doc('s-head', lines(S, 0, 9)),
      doc('s-tail', lines(S, 16, 26)),
      doc('s-mid', lines(S, 4, 18)),
      doc('passage', lines(B, 3, 6)),
    ];
    const expected = described(docs, clusterDocuments(docs, opts).clusters);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const order = shuffled(docs, seed);
      expect(described(order, clusterDocuments(order, opts).clusters)).toEqual(expected);
    }
  });

  it('counts candidate and verified pairs', () => {
    const { stats } = clusterDocuments([doc('a1', A), doc('a2', A), doc('b1', B)], opts);
    expect(stats.verifiedPairs).toBe(1);
    expect(stats.candidatePairs).toBeGreaterThanOrEqual(1);
  });

  it('compares a huge cluster of one text with its seed only: no linkage checks for the very same shingles', () => {
    const docs = Array.from({ length: 300 }, (_, i) => doc(`copy${String(i).padStart(3, '0')}`, A));
    const { clusters, stats } = clusterDocuments(docs, opts);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.members).toHaveLength(300);
    expect(stats.linkageChecks).toBe(0);
  });
});

describe('clusterCandidates with a compare of its own (an index verifying on signatures)', () => {
  it('asks compare, not the shingle sets, for every verdict', () => {
    const docs = [doc('a', A), doc('a-copy', A), doc('a-copy-2', A)];
    const asked: string[] = [];
    const src: ClusterSource = {
      ...documentSource(docs, opts.lsh),
      shingles: () => {
        throw new Error('shingle sets are not read when compare is given');
      },
      // Only a and a-copy-2 are copies, whatever their shingles say.
      compare: (x, y) => {
        asked.push(`${x}-${y}`);
        const copy = x + y === 2;
        return { jaccard: copy ? 0.9 : 0.1, containment: copy ? 0.9 : 0.1, intersection: 0, match: copy ? 'jaccard' : null };
      },
    };
    const { clusters } = clusterCandidates(src, candidatePairs(src.bandKeys, docs.length, opts.lsh.bands), opts);
    expect(described(docs, clusters)).toEqual([['a', 'a-copy-2'], ['a-copy']]);
    expect(asked).toContain('0-2');
  });
});

describe('clusterCandidates with forEachPairShingles (a source that reads sets in its own order)', () => {
  it('gives the same clusters, verdicts and counts as one read of each pair in order, whatever the visiting order', () => {
    const docs = [
      doc('a', A),
      doc('a-copy', A),
      doc('a-new-intro', A_NEW_INTRO),
      doc('a-half', lines(A, 0, 6)),
      doc('b', B),
      doc('b-copy', B),
      doc('b-tail', lines(B, 3)),
      doc('s', S),
      doc('s-copy', S),
      doc('ars', ARS),
    ];
    const base = documentSource(docs, opts.lsh);
    const pairs = candidatePairs(base.bandKeys, docs.length, opts.lsh.bands);
    expect(pairs.length).toBeGreaterThan(5);
    const inOrder = clusterCandidates(base, pairs, opts);
    expect(inOrder.clusters.filter((c) => c.members.length > 1).length).toBeGreaterThanOrEqual(3);
    for (const seed of [1, 2, 3]) {
      let visits = 0;
      const reordered: ClusterSource = {
        ...base,
        forEachPairShingles: (ps, visit) => {
          for (const p of shuffled([...ps], seed)) {
            const [a, b] = unpackPair(p);
            visits++;
            visit(a, b, docs[a]!.shingles, docs[b]!.shingles, ps.indexOf(p));
          }
        },
      };
      const result = clusterCandidates(reordered, pairs, opts);
      expect(visits).toBe(pairs.length);
      expect(result).toEqual(inOrder);
    }
  });
  it('gives the same clusters from copies verified beforehand (worker threads), and refuses answers for other pairs', () => {
    const docs = [doc('a', A), doc('a-copy', A), doc('a-new-intro', A_NEW_INTRO), doc('a-half', lines(A, 0, 6)), doc('b', B), doc('b-copy', B), doc('b-tail', lines(B, 3)), doc('s', S)];
    const base = documentSource(docs, opts.lsh);
    const pairs = candidatePairs(base.bandKeys, docs.length, opts.lsh.bands);
    const verified = Int32Array.from(pairs, (p) => {
      const [a, b] = unpackPair(p);
      return verifyCandidate(docs[a]!.shingles, docs[b]!.shingles, opts)?.intersection ?? -1;
    });
    expect(verified.some((x) => x >= 0)).toBe(true);
    expect(clusterCandidates(base, pairs, opts, verified)).toEqual(clusterCandidates(base, pairs, opts));
    expect(() => clusterCandidates(base, pairs, opts, verified.subarray(1))).toThrow(RangeError);
  });
});
