/**
 * Candidate verification in worker threads. At a million pages clustering is mostly exact
 * comparisons of candidate pairs (seven million of them), on the main thread while the workers sit
 * idle; split into runs of pairs, the comparisons go to `jobs` workers, which read the shingle
 * sets from the scratch file themselves. The answer is the same array verifyPairs gives on one
 * thread, so clusters do not depend on the split; a run whose worker fails is verified here.
 */
import type { MatchRule } from '../match/accept.js';
import { MAX_DOCUMENTS } from '../match/candidates.js';
import { verifyPairs } from './pair-shingles.js';
import { WorkerPool } from './pool.js';
import { openScratchReader } from './scratch.js';
import type { VerifyRequest, VerifyResponse } from './verify-messages.js';
import { workerScript } from './worker-script.js';

/**
 * Fewer candidates than this are verified on the main thread. Two workers cost about 300 MB of
 * fresh memory (their heaps, a block of first documents' sets each); at 300,000 pages of the
 * bench's JSON Lines (550,000 candidates, two seconds on one thread) they gained nothing
 * measurable, at a million (six million candidates) clustering went from 33 to 15 s.
 */
export const MIN_WORKER_PAIRS = 500_000;
/** Runs per worker: enough for one worker to take more when the other's runs are slower. */
const RUNS_PER_JOB = 4;
/** A run is bounded work (no page text is parsed), so its limit only guards against a stuck worker. */
const RUN_TIMEOUT_MS = 10 * 60_000;

/**
 * The runs: about `size` pairs each, cut where the first document changes, so that a document's
 * set is read by one run only as a first document.
 */
export function pairRuns(pairs: Float64Array, size: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let from = 0; from < pairs.length; ) {
    let to = Math.min(pairs.length, from + size);
    const first = Math.floor(pairs[to - 1]! / MAX_DOCUMENTS);
    while (to < pairs.length && Math.floor(pairs[to]! / MAX_DOCUMENTS) === first) to++;
    runs.push([from, to]);
    from = to;
  }
  return runs;
}

/**
 * verifyPairs over every candidate, in `jobs` workers. `offsets` and `counts` should live in
 * shared memory: every request carries them.
 */
export async function verifyPairsInWorkers(
  file: string,
  offsets: Float64Array,
  counts: Uint32Array,
  pairs: Float64Array,
  rule: MatchRule,
  jobs: number,
): Promise<Int32Array> {
  const shared = new Int32Array(pairs.length);
  const runs = pairRuns(pairs, Math.ceil(pairs.length / (RUNS_PER_JOB * jobs)));
  const pool = new WorkerPool<VerifyRequest, VerifyResponse>(workerScript('verify-worker'), jobs, RUN_TIMEOUT_MS);
  const failed: [number, number][] = [];
  try {
    await Promise.all(
      runs.map(async ([from, to]) => {
        // A slice, not a view: a view would carry the whole array to the worker.
        const r = await pool.run({ file, offsets, counts, pairs: pairs.slice(from, to), rule });
        if (r.ok) shared.set(r.value, from);
        else failed.push([from, to]);
      }),
    );
  } finally {
    await pool.close();
  }
  if (failed.length > 0) {
    const reader = openScratchReader(file);
    try {
      for (const [from, to] of failed) shared.set(verifyPairs(reader, offsets, counts, pairs.subarray(from, to), rule), from);
    } finally {
      reader.close();
    }
  }
  return shared;
}
