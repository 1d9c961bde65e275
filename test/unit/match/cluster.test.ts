import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterDocuments, type ClusterInput } from '../../../src/match/cluster.js';
import { verifyPair } from '../../../src/match/accept.js';
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
const A = article('kazakh-president-kill-order.txt');
const B = article('eurasianet-crackdown-republished.txt');
const paragraphs = (t: string): string[] => t.split('\n').filter((l) => l.trim().length > 0);

function groups(docs: ClusterInput[]): string[][] {
  return clusterDocuments(docs, opts)
    .clusters.map((c) => c.members.map((m) => docs[m.doc]!.key).sort())
    .sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
}

function together(gs: string[][], a: string, b: string): boolean {
  return gs.some((g) => g.includes(a) && g.includes(b));
}

describe('verifyPair', () => {
  it('accepts by Jaccard, or by containment for a long enough shorter text', () => {
    const full = doc('full', A).shingles;
    const half = doc('half', paragraphs(A).slice(0, 6).join('\n')).shingles;
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

  it('lets an excerpt join the cluster of the page it comes from', () => {
    const excerpt = paragraphs(A).slice(2, 7).join('\n');
    const gs = groups([doc('a1', A), doc('a2', A), doc('excerpt', excerpt), doc('b1', B)]);
    expect(together(gs, 'a1', 'excerpt')).toBe(true);
    expect(together(gs, 'a1', 'b1')).toBe(false);
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
    const shared = paragraphs(A).slice(0, 3).join('\n');
    const gs = groups([doc('a', A), doc('b', B + '\n' + shared), doc('passage', shared)]);
    expect(together(gs, 'a', 'b')).toBe(false);
  });

  it('is independent of input order', () => {
    const docs = [doc('a1', A), doc('a2', A), doc('e', paragraphs(A).slice(0, 5).join('\n')), doc('b1', B)];
    expect(groups([...docs].reverse())).toEqual(groups(docs));
  });

  it('counts candidate and verified pairs', () => {
    const { stats } = clusterDocuments([doc('a1', A), doc('a2', A), doc('b1', B)], opts);
    expect(stats.verifiedPairs).toBe(1);
    expect(stats.candidatePairs).toBeGreaterThanOrEqual(1);
  });
});
