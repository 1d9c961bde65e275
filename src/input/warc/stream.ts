/**
 * The logical (decompressed) stream of a WARC or ARC file, in runs of contiguous data: pulls units
 * as the reader needs bytes, and maps logical offsets back to file positions (gzip member offsets).
 */
import { EMPTY, type Unit } from './gzip.js';

interface RunEnd {
  /** null: the file ended cleanly */
  reason: string | null;
  fileOffset: number;
  /** set once an error item has covered this damage */
  reported: boolean;
}

export class Feed {
  /** Pending bytes of the current run, from logical offset `base`. */
  buf: Buffer = EMPTY;
  base = 0;
  /** Where gzip members start, in run-logical offsets (compressed input only). */
  private members: Array<{ logical: number; file: number }> = [];
  end: RunEnd | null = null;
  private done = false;

  constructor(
    private readonly units: Iterator<Unit>,
    readonly compressed: boolean,
  ) {}

  /** Pulls the next unit into the run; false when the run can grow no more. */
  more(): boolean {
    if (this.end !== null) return false;
    for (;;) {
      const n = this.units.next();
      if (n.done === true) {
        this.done = true;
        this.end = { reason: null, fileOffset: -1, reported: false };
        return false;
      }
      const u = n.value;
      const grew = u.data.length > 0;
      if (grew) {
        this.members.push({ logical: this.base + this.buf.length, file: u.fileOffset });
        this.buf = this.buf.length === 0 ? u.data : Buffer.concat([this.buf, u.data]);
      }
      if (u.brk !== null) {
        this.end = { reason: u.brk, fileOffset: u.fileOffset, reported: false };
        return grew;
      }
      if (grew) return true;
    }
  }

  /** At least `n` pending bytes, pulling units as needed; false when the run ends first. */
  ensure(n: number): boolean {
    while (this.buf.length < n) if (!this.more()) return this.buf.length >= n;
    return true;
  }

  consume(k: number): void {
    this.buf = this.buf.subarray(k);
    this.base += k;
    let keep = 0;
    while (keep + 1 < this.members.length && this.members[keep + 1]!.logical <= this.base) keep++;
    if (keep > 0) this.members.splice(0, keep);
  }

  /** Leaves a finished or damaged run; false at the end of the file. */
  nextRun(): boolean {
    if (this.done) return false;
    this.buf = EMPTY;
    this.base = 0;
    this.members = [];
    this.end = null;
    return true;
  }

  /**
   * File position of pending byte `rel`. `gapStart` is where the white space before the record
   * began: a member starting in that gap is the record's member (one member per record).
   */
  position(rel: number, gapStart = rel): { offset: number; suffix: string } {
    const logical = this.base + rel;
    if (!this.compressed) return { offset: logical, suffix: String(logical) };
    let m: { logical: number; file: number } | undefined;
    for (const x of this.members) if (x.logical <= logical) m = x;
    if (m === undefined) return { offset: this.end?.fileOffset ?? 0, suffix: String(this.end?.fileOffset ?? 0) };
    const inner = logical - m.logical;
    if (inner === 0 || m.logical >= this.base + gapStart) return { offset: m.file, suffix: String(m.file) };
    return { offset: m.file, suffix: `${m.file}+${inner}` };
  }
}
