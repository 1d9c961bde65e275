/**
 * The scan pipeline: find files, read them a few at a time, extract and sketch each, cluster,
 * describe. Errors on single files are collected, never thrown.
 */
import { clusterSource } from '../match/cluster.js';
import { compareClusters, describeCluster } from '../report/scan/clusters.js';
import { SCAN_SCHEMA, type ReportError, type ScanParams, type ScanReport } from '../report/scan/types.js';
import { candidateThreshold, optimalLshParams } from '../sketch/lsh-params.js';
import { createMinHasher } from '../sketch/minhash.js';
import { listInputs, orderedErrors, pageTotal } from '../runtime/pages.js';
import { sketchStream } from '../runtime/sketch-stream.js';
import type { ScanOptions } from './settings.js';

export interface ScanHooks {
  cwd: string;
  /** Called for each file that becomes an entry in `errors`, as it happens. */
  onError?: (error: ReportError) => void;
  /** Called after each file. */
  onProgress?: (done: number, total: number | null, errors: number) => void;
  /** Called when reading is over and the run moves on (signing, clustering). */
  onPhase?: (phase: string) => void;
  now?: () => number;
}

export function scanParams(options: ScanOptions, scheme: string): ScanParams {
  const lshThreshold = candidateThreshold(options.threshold, options.containment);
  const lsh = optimalLshParams(lshThreshold, options.numPerm);
  return {
    scheme,
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
  };
}

export async function runScan(inputs: readonly string[], options: ScanOptions, hooks: ScanHooks): Promise<ScanReport> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  const hasher = createMinHasher(options.numPerm, options.seed);
  const params = scanParams(options, hasher.scheme);
  const files = await listInputs(inputs, options, hooks.cwd);
  const total = pageTotal(files);
  const run = await sketchStream(files, options, hasher, params, {
    onError: hooks.onError,
    onProgress: (done, errs) => hooks.onProgress?.(done, total, errs),
    onPhase: hooks.onPhase,
  });
  const errors = run.errors;
  const documents = run.count;
  let described;
  try {
    const { clusters } = clusterSource(
      {
        count: run.count,
        bandKeys: run.bandKeys,
        shingles: run.shingles,
        shingleCount: run.shingleCount,
        key: (i) => run.doc(i).path,
        words: run.words,
      },
      { ...options, minContainedShingles: options.minWords, lsh: params },
    );
    described = clusters
      .filter((c) => options.all || c.members.length > 1)
      .map((c) => describeCluster(c, run.doc))
      .sort(compareClusters);
  } finally {
    run.close();
  }
  const duplicates = described.reduce((n, c) => n + c.size - 1, 0);
  return {
    schema: SCAN_SCHEMA,
    params,
    summary: {
      documents,
      clusters: described.filter((c) => c.size > 1).length,
      duplicates,
      errors: errors.length,
      elapsedMs: Math.round(now() - started),
    },
    clusters: described,
    errors: orderedErrors(errors),
  };
}
