/** A batch of pages to sign in a worker: their kept tokens, end to end. */
export interface SignRequest {
  tokens: Uint32Array;
  /** Exclusive end of each page's tokens. */
  ends: Uint32Array;
  shingleSize: number;
  numPerm: number;
  seed: number;
  bands: number;
  rows: number;
  keepSignatures: boolean;
}

export interface SignResponse {
  /** Each page's shingle set, end to end, and where each ends. */
  shingles: Uint32Array;
  shingleEnds: Uint32Array;
  /** pages × bands */
  bandKeys: Uint32Array;
  /** pages × numPerm, when asked for */
  signatures: Uint32Array | null;
  contentHashes: string[];
}
