/**
 * What the page-reading commands share: their defaults, and what follows from the options
 * (LSH bands and rows, the match rule, the hasher), derived once per run.
 */
import { availableParallelism } from 'node:os';
import type { MatchRule } from '../match/accept.js';
import type { ScanParams } from '../report/scan/types.js';
import type { StreamOptions } from '../runtime/sketch-stream.js';
import { candidateThreshold, optimalLshParams } from '../sketch/lsh-params.js';
import { createMinHasher, type MinHasher } from '../sketch/minhash.js';

/** Everything a scan depends on. Defaults are measured: see README, "Choosing the defaults". */
export interface ScanOptions extends StreamOptions {
  threshold: number;
  containment: number;
  numPerm: number;
  seed: number;
  /** List pages without copies too, as clusters of one. */
  all: boolean;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = {
  threshold: 0.5,
  containment: 0.7,
  shingleSize: 5,
  numPerm: 128,
  seed: 0x72657072,
  minWords: 20,
  maxBytes: 10 * 1024 * 1024,
  dom: 'linkedom',
  templates: true,
  jobs: Math.max(1, Math.min(availableParallelism(), 8)),
  timeoutMs: 30_000,
  maxArchiveBytes: 2 * 1024 ** 3 - 1,
  all: false,
};

export interface Sketching {
  hasher: MinHasher;
  /** The run's parameters as reports print them. */
  params: ScanParams;
  rule: MatchRule;
}

export function matchRule(options: Pick<ScanOptions, 'threshold' | 'containment' | 'minWords'>): MatchRule {
  return { threshold: options.threshold, containment: options.containment, minContainedShingles: options.minWords };
}

/** The hasher, LSH bands and match rule a run with these options signs and compares with. */
export function sketching(options: ScanOptions): Sketching {
  const hasher = createMinHasher(options.numPerm, options.seed);
  const lshThreshold = candidateThreshold(options.threshold, options.containment);
  const lsh = optimalLshParams(lshThreshold, options.numPerm);
  return {
    hasher,
    params: {
      scheme: hasher.scheme,
      seed: options.seed,
      numPerm: options.numPerm,
      shingleSize: options.shingleSize,
      threshold: options.threshold,
      containment: options.containment,
      lshThreshold,
      bands: lsh.bands,
      rows: lsh.rows,
      minWords: options.minWords,
      dom: options.dom,
      templates: options.templates,
    },
    rule: matchRule(options),
  };
}
