/**
 * The LSH index interface. A document is inserted with one key per band; a query returns the
 * documents sharing at least one band key, i.e. the candidate pairs. Implementations: the
 * in-memory store (memory-store.ts) for a scan; persistent stores live at the edge and
 * implement the same contract over their own ids.
 */
export interface LshIndex<Id> {
  readonly bands: number;
  /** Add a document under its band keys (one per band, in band order). */
  insert(id: Id, keys: Uint32Array): void;
  /** Distinct ids that share a band key with these keys, in insertion order. */
  query(keys: Uint32Array): Id[];
  /** Number of inserted documents. */
  readonly size: number;
}
