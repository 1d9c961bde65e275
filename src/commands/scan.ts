/**
 * `reprint scan`: find files, read and sketch every page, cluster the copies, describe the
 * clusters. Errors on single files are collected, never thrown.
 */
import { candidatePairs } from '../match/candidates.js';
import { clusterCandidates, type Cluster } from '../match/cluster.js';
import { compareClusters, describeCluster } from '../report/scan/clusters.js';
import type { ExplainedScanReport } from '../report/scan/html.js';
import { SCAN_SCHEMA, type ReportCluster } from '../report/scan/types.js';
import { listInputs, orderedErrors } from '../runtime/pages.js';
import { sketchStream, type SketchedRun } from '../runtime/sketch-stream.js';
import { readingHooks, stopwatch, type RunHooks } from './hooks.js';
import { clusterAlignments } from './member-alignments.js';
import { sketching, type ScanOptions } from './settings.js';

/** Members whose metadata is read at once (SketchedRun.docs): bounded, for `--all` over millions of pages. */
const DESCRIBED_AT_ONCE = 65_536;

/** describeCluster of each cluster, its members' metadata read many at a time. */
function describeClusters(clusters: readonly Cluster[], run: Pick<SketchedRun, 'docs'>): ReportCluster[] {
  const out: ReportCluster[] = [];
  for (let from = 0; from < clusters.length; ) {
    let to = from;
    let members = 0;
    while (to < clusters.length && (to === from || members + clusters[to]!.members.length <= DESCRIBED_AT_ONCE)) members += clusters[to++]!.members.length;
    const docs = run.docs(clusters.slice(from, to).flatMap((c) => c.members.map((m) => m.doc)));
    for (; from < to; from++) out.push(describeCluster(clusters[from]!, (i) => docs.get(i)!));
  }
  return out;
}

export async function runScan(inputs: readonly string[], options: ScanOptions, hooks: RunHooks): Promise<ExplainedScanReport> {
  const elapsed = stopwatch(hooks);
  const { hasher, params, rule } = sketching(options);
  const files = await listInputs(inputs, options, hooks);
  const run = await sketchStream(files, options, hasher, params, { ...(await readingHooks(hooks, files)), onPhase: hooks.onPhase });
  let described;
  let explains;
  try {
    const pairs = candidatePairs(run.bandKeys, run.count, params.bands);
    const verified = await run.verifyCandidates(pairs, rule);
    const { clusters } = clusterCandidates(
      {
        count: run.count,
        bandKeys: run.bandKeys,
        shingles: run.shingles,
        shingleCount: run.shingleCount,
        forEachPairShingles: run.forEachPairShingles,
        key: (i) => run.doc(i).path,
        words: run.words,
      },
      pairs,
      { ...rule, lsh: params, singletons: options.all === true },
      verified ?? undefined,
    );
    described = describeClusters(
      clusters.filter((c) => options.all || c.members.length > 1),
      run,
    ).sort(compareClusters);
    // Only a report that shows texts (html) kept them: the others pay nothing here.
    if (options.keepText === true) explains = clusterAlignments(clusters, described, run, options.shingleSize);
  } finally {
    run.close();
  }
  return {
    schema: SCAN_SCHEMA,
    params,
    summary: {
      documents: run.count,
      clusters: described.filter((c) => c.size > 1).length,
      duplicates: described.reduce((n, c) => n + c.size - 1, 0),
      errors: run.errors.length,
      elapsedMs: elapsed(),
    },
    clusters: described,
    errors: orderedErrors(run.errors),
    ...(explains !== undefined ? { explains } : {}),
  };
}
