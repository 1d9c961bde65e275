import type { LshIndex } from './lsh-index.js';

/**
 * In-memory LSH over small integer ids (document ordinals). One Map per band from key to the
 * ids in that bucket. A band key never seen simply yields no candidates.
 */
export class MemoryLshIndex implements LshIndex<number> {
  readonly bands: number;
  private readonly buckets: Map<number, number[]>[];
  private count = 0;

  constructor(bands: number) {
    this.bands = bands;
    this.buckets = Array.from({ length: bands }, () => new Map<number, number[]>());
  }

  get size(): number {
    return this.count;
  }

  insert(id: number, keys: Uint32Array): void {
    if (keys.length !== this.bands) throw new RangeError(`expected ${this.bands} band keys, got ${keys.length}`);
    for (let b = 0; b < this.bands; b++) {
      const map = this.buckets[b]!;
      const key = keys[b]!;
      const bucket = map.get(key);
      if (bucket === undefined) map.set(key, [id]);
      else bucket.push(id);
    }
    this.count++;
  }

  query(keys: Uint32Array): number[] {
    const seen = new Set<number>();
    const out: number[] = [];
    const n = Math.min(keys.length, this.bands);
    for (let b = 0; b < n; b++) {
      const bucket = this.buckets[b]!.get(keys[b]!);
      if (bucket === undefined) continue;
      for (const id of bucket) {
        if (!seen.has(id)) {
          seen.add(id);
          out.push(id);
        }
      }
    }
    return out;
  }
}
