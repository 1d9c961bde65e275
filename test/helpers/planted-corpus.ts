/**
 * A small deterministic corpus of plain-text articles with planted copies, split into shards as
 * crawl machines would hold them. Words are made of syllables, so unrelated articles share no
 * run of five words and every copy is one because it was planted: identical copies, copies with
 * a new introduction, excerpts, copies with typos, and one wire story carried by many outlets with
 * small edits (more pages than scan links pairwise in one band bucket).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SYLLABLES = 'ka lo mi ra te su na vo pe li do ga ze ru bi ta ne so fa ki mo la re vu di ha po se nu ja'.split(' ');

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function article(r: () => number, paragraphs: number): string[] {
  const word = () => Array.from({ length: 2 + Math.floor(r() * 2) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(r() * 12) }, word);
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
  };
  return Array.from({ length: paragraphs }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, sentence).join(' '));
}

function withTypos(paragraphs: string[], r: () => number, count: number): string[] {
  const out = paragraphs.map((p) => p.split(' '));
  for (let i = 0; i < count; i++) {
    const p = out[Math.floor(r() * out.length)]!;
    const w = Math.floor(r() * p.length);
    p[w] = `${p[w]!.slice(0, -1)}x`;
  }
  return out.map((p) => p.join(' '));
}

export interface PlantedCorpus {
  root: string;
  /** Shard folders, relative to root: shard-0, shard-1, ... */
  shards: string[];
  pages: number;
  /** Paths (relative to root) of each planted group, the original first. */
  groups: string[][];
}

/** Writes the corpus under `root`; `size` articles of their own, copies planted among them. */
export function writePlantedCorpus(root: string, { size = 240, shards = 4, seed = 7, wireCopies = 80 } = {}): PlantedCorpus {
  const r = rng(seed);
  const shardNames = Array.from({ length: shards }, (_, i) => `shard-${i}`);
  for (const s of shardNames) mkdirSync(path.join(root, s), { recursive: true });
  let n = 0;
  const write = (paragraphs: string[]): string => {
    // Copies land on other machines than their original: shards are taken in turn.
    const rel = `${shardNames[n % shards]}/page-${String(n).padStart(4, '0')}.txt`;
    n++;
    writeFileSync(path.join(root, rel), `${paragraphs.join('\n\n')}\n`);
    return rel;
  };
  const groups: string[][] = [];
  for (let a = 0; a < size; a++) {
    const original = article(r, 4 + Math.floor(r() * 4));
    const group = [write(original)];
    if (a % 6 === 0) group.push(write(original));
    if (a % 6 === 1) group.push(write([...article(r, 1), ...original]));
    if (a % 6 === 2) group.push(write(original.slice(0, Math.ceil(original.length * 0.75))));
    if (a % 6 === 3) group.push(write(withTypos(original, r, 3)), write(withTypos(original, r, 2)));
    if (group.length > 1) groups.push(group);
  }
  const wire = article(r, 6);
  const wireGroup: string[] = [];
  for (let c = 0; c < wireCopies; c++) wireGroup.push(write(c === 0 ? wire : withTypos(wire, r, 1)));
  groups.push(wireGroup);
  return { root, shards: shardNames, pages: n, groups };
}
