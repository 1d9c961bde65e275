/** A batch of pages to sign in a worker: their kept tokens, end to end. */
export interface SignRequest {
  /** In shared memory: the worker writes the pages' shingle sets over them (SignResponse). */
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
  /**
   * Where each page's shingle set ends: the sets lie end to end from the start of the request's
   * `tokens`, over the tokens they were made of.
   */
  shingleEnds: Uint32Array;
  /** pages × bands */
  bandKeys: Uint32Array;
  /** pages × numPerm, when asked for */
  signatures: Uint32Array | null;
  contentHashes: string[];
}
