/**
 * Scratch files that keep a scan's memory bounded: what every page needs between reading and
 * clustering (its line sketches, then its shingle set) goes to disk, and only a small fixed
 * record per page stays in memory. Written once, read back in order or by offset; the folder
 * is removed when the scan ends, however it ends (on a signal, by the CLI's handlers).
 */
import { closeSync, fstatSync, ftruncateSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHUNK = 4 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/** Spare chunks a folder keeps for its writers: enough for one pass's writers to refill, not a pass's worth of memory. */
const MAX_SPARE_CHUNKS = 8;

/** Scratch folders alive now, so the CLI can remove them on Ctrl-C or a kill signal too (cli/signals.ts). */
const live = new Set<string>();

/** Removes every scratch folder still alive. Synchronous: it runs in signal and exit handlers. */
export function removeLiveScratch(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/**
 * What a scan's scratch files may hold in memory together before they go to disk. A scan of some
 * ten thousand pages then never touches the disk (its writes cost more system time than the
 * rest of the pass); a bigger one spills, file by file, and keeps memory bounded.
 */
const SCRATCH_MEMORY_BUDGET = 128 * 1024 * 1024;

export class ScratchDir {
  readonly dir: string;
  /** Bytes its files hold in memory now. */
  inMemory = 0;
  /**
   * Chunks a consuming reader has read past (SpillWriter.reader), for writers to fill again: the
   * in-memory counterpart of SpillWriter.overwriter, for the same reason (fresh memory costs more
   * than the copy into it; see SpillWriter.flush).
   */
  private readonly spare: Buffer[] = [];
  constructor(readonly memoryBudget = SCRATCH_MEMORY_BUDGET) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'reprint-scan-'));
    live.add(this.dir);
  }
  file(name: string): string {
    return path.join(this.dir, name);
  }
  /** A new scratch file, written front to back. */
  writer(name: string): SpillWriter {
    return new SpillWriter(this, this.file(name));
  }
  /** A chunk for a writer to fill: one handed back, or a new one. */
  takeChunk(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
  }

  /** Takes back a chunk nothing reads any more (only whole chunks a writer filled; others are left to the collector). */
  giveChunk(bytes: Buffer): void {
    if (this.spare.length < MAX_SPARE_CHUNKS && bytes.byteOffset === 0 && bytes.buffer.byteLength === CHUNK) this.spare.push(Buffer.from(bytes.buffer, 0, CHUNK));
  }

  remove(): void {
    this.spare.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
  }
}

/**
 * Appends bytes through a buffer; `offset` is where the next write lands. Full buffers stay in
 * memory while the folder's budget allows, then all of them go to the file and the rest follows.
 */
export class SpillWriter {
  private fd = -1;
  /** Full buffers held in memory, in order; null once the file took them. */
  private chunks: Buffer[] | null = [];
  /** Taken from the folder at the first write, so a writer that never writes holds no memory. */
  private buf: Buffer = EMPTY;
  private used = 0;
  /** Whether a consuming reader has read it (its chunks went back to the folder): it cannot be read again. */
  private consumed = false;
  offset = 0;
  /** For a writer over a file being read (overwriter): how far its reader has read; writes never pass it. */
  private readLimit: (() => number) | null = null;
  private overwritten = 0;

  constructor(
    private readonly dir: ScratchDir,
    readonly file: string,
  ) {}

  /**
   * A writer into this file's own bytes, from its start, for data that takes the place of what
   * `reader` (this file's reader) has already read; null while the file is in memory. Fresh memory
   * is what a file write costs most on a virtual machine (see flush), and rewriting pages of the
   * page cache costs a fraction of it: a scan's second pass writes each page's shingle set, never
   * longer than the page's record, over the records it has read. A write that would pass the
   * reader throws, so a caller that breaks the rule loses nothing silently.
   */
  overwriter(reader: SpillReader): SpillWriter | null {
    if (this.chunks !== null) return null;
    const w = new SpillWriter(this.dir, this.file);
    w.chunks = null;
    w.fd = openSync(this.file, 'r+');
    w.readLimit = () => reader.filePosition;
    return w;
  }

  write(bytes: Uint8Array): void {
    if (bytes.length > this.buf.length - this.used) {
      this.flush();
      if (this.buf.length === 0 && bytes.length <= CHUNK) this.buf = this.dir.takeChunk();
    }
    if (bytes.length > this.buf.length) {
      this.store(Buffer.from(bytes));
    } else {
      this.buf.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.offset += bytes.length;
  }

  writeU32(values: Uint32Array): void {
    this.write(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  /**
   * Hands the buffer's bytes on. A buffer kept in memory is replaced at the next write (by a chunk
   * a consuming reader handed back, when there is one); once the file takes the bytes the same
   * buffer is filled again: touching fresh memory costs more than the write itself (about 4 ms a
   * megabyte on the 2-core bench machine), and a million pages pass gigabytes through here.
   */
  private flush(): void {
    if (this.used === 0) return;
    const full = this.buf.subarray(0, this.used);
    this.used = 0;
    if (this.keeps(full.length)) {
      this.buf = EMPTY;
      this.chunks!.push(full);
      this.dir.inMemory += full.length;
    } else {
      this.toFile(full);
    }
  }

  private toFile(bytes: Uint8Array): void {
    if (this.readLimit !== null) {
      if (this.overwritten + bytes.length > this.readLimit()) throw new Error(`scratch file ${this.file}: a write would pass its reader`);
      this.overwritten += bytes.length;
    }
    writeSync(this.fd, bytes);
  }

  /** Keeps bytes it owns in memory, or writes them to the file once the budget is spent. */
  private store(bytes: Buffer): void {
    if (this.keeps(bytes.length)) {
      this.chunks!.push(bytes);
      this.dir.inMemory += bytes.length;
    } else {
      this.toFile(bytes);
    }
  }

  /** Whether `length` more bytes stay in memory; once they cannot, the file is opened and takes every chunk held. */
  private keeps(length: number): boolean {
    if (this.chunks === null) return false;
    if (this.dir.inMemory + length <= this.dir.memoryBudget) return true;
    this.fd = openSync(this.file, 'w');
    for (const c of this.chunks) {
      writeSync(this.fd, c);
      this.dir.inMemory -= c.length;
    }
    this.chunks = null;
    return false;
  }

  close(): void {
    this.flush();
    if (this.fd < 0) return;
    // Past what an overwriter wrote lie the old records: cut off, so their pages are freed.
    if (this.readLimit !== null) ftruncateSync(this.fd, this.offset);
    closeSync(this.fd);
  }

  /** Drops what this file holds, in memory or on disk, once nothing will read it again. */
  discard(): void {
    if (this.chunks !== null) {
      for (const c of this.chunks) this.dir.inMemory -= c.length;
      this.chunks = [];
    } else {
      rmSync(this.file, { force: true });
    }
  }

  /** Whether the bytes are in the file (the budget ran out), so another thread can read them from there. */
  get spilled(): boolean {
    return this.chunks === null;
  }

  /**
   * A reader of what was written (after close). A `consume` reader reads the file once, front to
   * back, and never by offset: while the file is in memory, each chunk it has read past goes back
   * to the folder for writers to fill, and the file cannot be read again.
   */
  reader(options: { consume?: boolean } = {}): SpillReader {
    if (this.consumed) throw new Error(`scratch file ${this.file} was read by a consuming reader`);
    if (this.chunks === null) return new SpillReader(this.file, new FileSource(this.file));
    if (options.consume !== true) return new SpillReader(this.file, new ChunkSource(this.chunks, null));
    this.consumed = true;
    const chunks = this.chunks;
    const release = (i: number): void => {
      const c = chunks[i]!;
      chunks[i] = EMPTY;
      this.dir.inMemory -= c.length;
      this.dir.giveChunk(c);
    };
    return new SpillReader(this.file, new ChunkSource(chunks, release));
  }
}

/** A reader of a scratch file on disk that a SpillWriter wrote and closed (spilled), from any thread. */
export function openScratchReader(file: string): SpillReader {
  return new SpillReader(file, new FileSource(file));
}

/** Where a reader's bytes come from: a file, or the chunks a writer kept in memory. */
interface ByteSource {
  readonly size: number;
  /** Copies `length` bytes at `offset` into `target` at `at`; returns how many there were. */
  copy(target: Uint8Array, at: number, offset: number, length: number): number;
  close(): void;
}

class FileSource implements ByteSource {
  private readonly fd: number;
  readonly size: number;
  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.size = fstatSync(this.fd).size;
  }
  copy(target: Uint8Array, at: number, offset: number, length: number): number {
    return length > 0 ? readSync(this.fd, target, at, length, offset) : 0;
  }
  close(): void {
    closeSync(this.fd);
  }
}

class ChunkSource implements ByteSource {
  private readonly starts: number[] = [];
  readonly size: number;
  /** Chunks handed back so far (all of them before this index). */
  private released = 0;
  constructor(
    private readonly chunks: Buffer[],
    /** For a consuming reader: hands chunk i back to the folder. */
    private readonly release: ((i: number) => void) | null,
  ) {
    let at = 0;
    for (const c of chunks) {
      this.starts.push(at);
      at += c.length;
    }
    this.size = at;
  }
  /** Whether a consuming reader reads it: front to back only, its chunks handed back behind it. */
  get consuming(): boolean {
    return this.release !== null;
  }

  /** For a consuming reader, hands back every chunk that ends at or before `offset`. */
  releaseBefore(offset: number): void {
    if (this.release === null) return;
    while (this.released < this.chunks.length && (this.released + 1 < this.starts.length ? this.starts[this.released + 1]! : this.size) <= offset) {
      this.release(this.released++);
    }
  }

  /** Index of the chunk holding byte `offset`. */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** The bytes at offset as a view when one chunk holds them all, else null. */
  view(offset: number, length: number): Uint8Array | null {
    if (this.chunks.length === 0) return length === 0 ? new Uint8Array(0) : null;
    const i = this.chunkAt(offset);
    const from = offset - this.starts[i]!;
    const c = this.chunks[i]!;
    return from + length <= c.length ? c.subarray(from, from + length) : null;
  }
  copy(target: Uint8Array, at: number, offset: number, length: number): number {
    let copied = 0;
    if (length <= 0 || offset >= this.size) return 0;
    let i = this.chunkAt(offset);
    let from = offset - this.starts[i]!;
    while (copied < length && i < this.chunks.length) {
      const c = this.chunks[i]!;
      const n = Math.min(c.length - from, length - copied);
      target.set(c.subarray(from, from + n), at + copied);
      copied += n;
      i++;
      from = 0;
    }
    return copied;
  }
  close(): void {}
}

/** Reads a scratch file front to back through a window, or at any offset. */
export class SpillReader {
  private buf = Buffer.allocUnsafe(0);
  private start = 0;
  private end = 0;
  private pos = 0;

  constructor(
    readonly file: string,
    private readonly source: ByteSource,
  ) {}

  /** Bytes of the file read so far: everything before this may be written over (SpillWriter.overwriter). */
  get filePosition(): number {
    return this.end;
  }

  /** The next n bytes (a view valid until the next read). */
  next(n: number): Uint8Array {
    if (this.source instanceof ChunkSource) {
      // Views handed out before this read are no longer valid: the chunks behind them can go.
      this.source.releaseBefore(this.pos);
      if (this.pos + n > this.source.size) throw new Error(`spill file ${this.file} ends early`);
      const at = this.pos;
      this.pos += n;
      const view = this.source.view(at, n);
      if (view !== null) return view;
      const out = new Uint8Array(n);
      this.source.copy(out, 0, at, n);
      return out;
    }
    if (this.pos + n > this.end) {
      // The window's unread tail moves to its front and the rest is read after it, in the same
      // buffer while it is big enough (fresh memory costs more than the read; see flush).
      const keep = this.end - this.pos;
      const size = Math.max(CHUNK, n);
      if (this.buf.length < size) {
        const bigger = Buffer.allocUnsafe(size);
        this.buf.copy(bigger, 0, this.pos - this.start, this.end - this.start);
        this.buf = bigger;
      } else {
        this.buf.copyWithin(0, this.pos - this.start, this.end - this.start);
      }
      this.start = this.pos;
      const got = this.source.copy(this.buf, keep, this.end, size - keep);
      this.end += got;
      if (this.pos + n > this.end) throw new Error(`spill file ${this.file} ends early`);
    }
    const at = this.pos - this.start;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  nextU32(count: number): Uint32Array {
    return this.nextU32Into(new Uint32Array(count), count);
  }

  /** The next `count` 32-bit words, into the front of `out` (at least `count` long); returns that part of it. */
  nextU32Into(out: Uint32Array, count: number): Uint32Array {
    const bytes = this.next(count * 4);
    new Uint8Array(out.buffer, out.byteOffset, count * 4).set(bytes);
    return out.subarray(0, count);
  }

  /** `length` bytes at byte `offset`, in a new array. */
  readBytesAt(offset: number, length: number): Uint8Array {
    this.byOffset();
    const out = new Uint8Array(length);
    this.source.copy(out, 0, offset, length);
    return out;
  }

  /** `count` 32-bit words at byte `offset`, in a new array. */
  readU32At(offset: number, count: number): Uint32Array {
    this.byOffset();
    const out = new Uint32Array(count);
    this.source.copy(new Uint8Array(out.buffer), 0, offset, count * 4);
    return out;
  }

  /** Whether the bytes are in memory, where u32View can show them without a copy. */
  get inMemory(): boolean {
    return this.source instanceof ChunkSource;
  }

  /**
   * `count` 32-bit words at byte `offset` as a view of the memory that holds them (valid while the
   * file is), or null: on disk, across two chunks, or not 4-byte aligned (a file of 32-bit words
   * only, written with writeU32, never is).
   */
  u32View(offset: number, count: number): Uint32Array | null {
    this.byOffset();
    if (!(this.source instanceof ChunkSource)) return null;
    const bytes = this.source.view(offset, 4 * count);
    return bytes === null || bytes.byteOffset % 4 !== 0 ? null : new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  }

  /** `count` 32-bit words at byte `offset`, into the front of `out` (at least `count` long); returns that part of it. */
  readU32Into(out: Uint32Array, offset: number, count: number): Uint32Array {
    this.byOffset();
    this.source.copy(new Uint8Array(out.buffer, out.byteOffset, count * 4), 0, offset, count * 4);
    return out.subarray(0, count);
  }

  /** Reading by offset: not for a consuming reader, whose chunks behind it are gone. */
  private byOffset(): void {
    if (this.source instanceof ChunkSource && this.source.consuming) throw new Error(`scratch file ${this.file}: a consuming reader reads front to back only`);
  }

  close(): void {
    this.source.close();
  }
}
