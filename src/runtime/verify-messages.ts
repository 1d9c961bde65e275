import type { MatchRule } from '../match/accept.js';

/** A run of candidate pairs for a verification worker to check against the shingle sets on disk. */
export interface VerifyRequest {
  /** The scan's scratch file of shingle sets. */
  file: string;
  /** Each page's set in that file: its byte offset and its length in shingles (shared memory, not copied per request). */
  offsets: Float64Array;
  counts: Uint32Array;
  /** Packed candidate pairs (candidates.ts), sorted. */
  pairs: Float64Array;
  rule: MatchRule;
}

/** For each pair of the request: the shingles the two share when they are a copy, else -1 (verifyPairs). */
export type VerifyResponse = Int32Array;
