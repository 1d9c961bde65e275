/**
 * The scan pipeline: find files, read them a few at a time, extract and sketch each, cluster,
 * describe. Errors on single files are collected, never thrown.
 */
import { clusterDocuments, type ClusterInput } from '../cluster/cluster.js';
import { compareClusters, describeCluster, type DescribedDocument } from '../cluster/describe.js';
import { discoverFiles, type InputFile } from '../input/discover.js';
import { InputError, readInputFile, type ReadDocument } from '../input/read.js';
import { SCAN_SCHEMA, type ReportError, type ScanParams, type ScanReport } from '../report/types.js';
import { candidateThreshold, optimalLshParams } from '../sketch/lsh-params.js';
import { createMinHasher } from '../sketch/minhash.js';
import { extractDocument, sketchDocument, TooShortError } from './document.js';
import type { ScanOptions } from './options.js';

export interface ScanHooks {
  cwd: string;
  /** Called for each file that becomes an entry in `errors`, as it happens. */
  onError?: (error: ReportError) => void;
  /** Called after each file. */
  onProgress?: (done: number, total: number, errors: number) => void;
  now?: () => number;
}

const READ_AHEAD = 8;

function messageOf(e: unknown): string {
  if (e instanceof InputError || e instanceof TooShortError) return e.message;
  const err = e as Error;
  return `extraction failed: ${err?.message ?? String(e)}`.split('\n')[0]!;
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
  };
}

export async function runScan(inputs: readonly string[], options: ScanOptions, hooks: ScanHooks): Promise<ScanReport> {
  const now = hooks.now ?? (() => performance.now());
  const started = now();
  const hasher = createMinHasher(options.numPerm, options.seed);
  const params = scanParams(options, hasher.scheme);
  const discoverOpts = { cwd: hooks.cwd, ...(options.include ? { include: options.include } : {}), ...(options.exclude ? { exclude: options.exclude } : {}) };
  const files = await discoverFiles(inputs, discoverOpts);

  const docs: DescribedDocument[] = [];
  const sketches: ClusterInput[] = [];
  const errors: ReportError[] = [];
  const fail = (file: InputFile, e: unknown): void => {
    const entry = { path: file.displayPath, message: messageOf(e) };
    errors.push(entry);
    hooks.onError?.(entry);
  };

  // Reads run a few files ahead of extraction; only that window of raw texts is held at once.
  const pending: Promise<ReadDocument | { error: unknown }>[] = [];
  const start = (i: number): void => {
    const f = files[i];
    if (f !== undefined) pending[i] = readInputFile(f.absPath, options.maxBytes).catch((error: unknown) => ({ error }));
  };
  for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) start(i);

  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const read = await pending[i]!;
    delete pending[i];
    start(i + READ_AHEAD);
    if ('error' in read) fail(file, read.error);
    else {
      try {
        const extracted = extractDocument(read.text, read.kind, options.dom);
        const s = sketchDocument(extracted, hasher, options);
        docs.push({ path: file.displayPath, ...pickMeta(s.meta), words: s.words, contentHash: s.contentHash });
        sketches.push({ shingles: s.shingles, signature: s.signature, key: file.displayPath, words: s.words });
      } catch (e) {
        fail(file, e);
      }
    }
    hooks.onProgress?.(i + 1, files.length, errors.length);
  }

  const { clusters } = clusterDocuments(sketches, { ...options, minContainedShingles: options.minWords, lsh: params });
  const described = clusters
    .filter((c) => options.all || c.members.length > 1)
    .map((c) => describeCluster(c, docs))
    .sort(compareClusters);
  const duplicates = described.reduce((n, c) => n + c.size - 1, 0);
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    schema: SCAN_SCHEMA,
    params,
    summary: {
      documents: docs.length,
      clusters: described.filter((c) => c.size > 1).length,
      duplicates,
      errors: errors.length,
      elapsedMs: Math.round(now() - started),
    },
    clusters: described,
    errors,
  };
}

function pickMeta(m: { title: string | null; outlet: string | null; dateline: string | null; published: string | null }) {
  return { title: m.title, outlet: m.outlet, dateline: m.dateline, published: m.published };
}
