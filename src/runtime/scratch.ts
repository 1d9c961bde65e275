/**
 * Scratch files that keep a scan's memory bounded: what every page needs between reading and
 * clustering (its line sketches, then its shingle set) goes to disk, and only a small fixed
 * record per page stays in memory. Written once, read back in order or by offset; the folder
 * is removed when the scan ends, however it ends (on a signal, by the CLI's handlers).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHUNK = 4 * 1024 * 1024;

/** Scratch folders alive now, so the CLI can remove them on Ctrl-C or a kill signal too (cli/signals.ts). */
const live = new Set<string>();

/** Removes every scratch folder still alive. Synchronous: it runs in signal and exit handlers. */
export function removeLiveScratch(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

export class ScratchDir {
  readonly dir: string;
  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'reprint-scan-'));
    live.add(this.dir);
  }
  file(name: string): string {
    return path.join(this.dir, name);
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
  }
}

/** Appends bytes through a buffer; `offset` is where the next write lands. */
export class SpillWriter {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  offset = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }

  write(bytes: Uint8Array): void {
    if (bytes.length > this.buf.length - this.used) this.flush();
    if (bytes.length > this.buf.length) {
      writeSync(this.fd, bytes);
    } else {
      this.buf.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.offset += bytes.length;
  }

  writeU32(values: Uint32Array): void {
    this.write(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Reads a spill file front to back through a window, or at any offset. */
export class SpillReader {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(CHUNK);
  private start = 0;
  private end = 0;
  private pos = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }

  /** The next n bytes (a view valid until the next read). */
  next(n: number): Uint8Array {
    if (this.pos + n > this.end) {
      const keep = this.end - this.pos;
      const size = Math.max(CHUNK, n);
      const fresh = Buffer.allocUnsafe(size);
      this.buf.copy(fresh, 0, this.pos - this.start, this.end - this.start);
      this.buf = fresh;
      this.start = this.pos;
      const got = readSync(this.fd, this.buf, keep, size - keep, this.end);
      this.end += got;
      if (this.pos + n > this.end) throw new Error(`spill file ${this.file} ends early`);
    }
    const at = this.pos - this.start;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  nextU32(count: number): Uint32Array {
    const bytes = this.next(count * 4);
    const out = new Uint32Array(count);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }

  /** `count` 32-bit words at byte `offset`. */
  readBytesAt(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    if (length > 0) readSync(this.fd, out, 0, length, offset);
    return out;
  }

  readU32At(offset: number, count: number): Uint32Array {
    const out = new Uint32Array(count);
    if (count > 0) readSync(this.fd, out, 0, count * 4, offset);
    return out;
  }

  close(): void {
    closeSync(this.fd);
  }
}
