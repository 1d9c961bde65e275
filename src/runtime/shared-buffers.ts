/**
 * Shared memory for batches sent to worker threads, filled again once a batch is done. Filling a
 * used buffer costs less than touching fresh memory (see scratch.ts), and shared memory, unlike a
 * transferred buffer, is still valid when a batch a failed worker hands back is sent again.
 */
export class SharedBufferPool {
  private readonly spare: SharedArrayBuffer[] = [];

  /**
   * @param minBytes the smallest buffer made; a larger one is made a quarter larger than asked, so
   *   that the next, slightly larger batch fits too. Sizes are rounded up to a multiple of 8.
   * @param limits `maxSpare` buffers kept at most, and none larger than `maxKeptBytes` (a buffer
   *   made for one huge page is let go).
   */
  constructor(
    private readonly minBytes: number,
    private readonly limits: { maxSpare?: number; maxKeptBytes?: number } = {},
  ) {}

  /** A buffer of at least `least` bytes: a spare one, or a new one. */
  take(least: number): SharedArrayBuffer {
    const i = this.spare.findIndex((b) => b.byteLength >= least);
    if (i >= 0) return this.spare.splice(i, 1)[0]!;
    // None is large enough for batches like this one: one is let go, so that no more buffers are
    // kept than batches are ever in flight.
    this.spare.pop();
    // A whole number of 8-byte words, so that any typed array may view all of it.
    return new SharedArrayBuffer(Math.ceil(Math.max(this.minBytes, 1.25 * least) / 8) * 8);
  }

  /** Takes back a buffer no batch uses any more. */
  give(buffer: SharedArrayBuffer): void {
    if (this.spare.length < (this.limits.maxSpare ?? Infinity) && buffer.byteLength <= (this.limits.maxKeptBytes ?? Infinity)) this.spare.push(buffer);
  }
}
