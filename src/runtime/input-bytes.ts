/**
 * How far a run has got through its input files, in bytes as stored (compressed bytes for .gz):
 * the measure of progress when crawl files hide how many pages they hold. The page reader
 * (pages.ts) says which file it is in and how far the file's reader has got.
 */
import { stat } from 'node:fs/promises';
import type { InputFile } from '../input/discover.js';
import { fsPath } from '../input/names.js';

export class InputBytes {
  private finished = 0;
  private withinFile = 0;
  /** null: a file of no known size (a pipe), counted as far as it is read. */
  private currentSize: number | null = 0;

  /** total: the size of all input files, or null when one has none to tell (a pipe). */
  constructor(
    readonly total: number | null,
    private readonly sizes: ReadonlyMap<string, number>,
  ) {}

  /** Bytes read so far: whole files behind the reader, and the part of the one it is in. */
  get read(): number {
    return this.finished + this.withinFile;
  }

  /** The reader starts on `file`: the file before it is read whole. */
  begin(file: InputFile): void {
    this.finished += this.currentSize ?? this.withinFile;
    this.currentSize = this.sizes.get(file.absPath) ?? null;
    this.withinFile = 0;
  }

  /** The reader has got `bytes` into the current file (a whole plain file: Infinity). */
  within(bytes: number): void {
    if (this.currentSize === null && !Number.isFinite(bytes)) return;
    this.withinFile = Math.max(this.withinFile, this.currentSize === null ? bytes : Math.min(bytes, this.currentSize));
  }
}

const STAT_AHEAD = 64;

/** The sizes of the files a run reads; a file that is not regular (a pipe, a device) leaves the total unknown. */
export async function measureInputs(files: readonly InputFile[]): Promise<InputBytes> {
  const sizes = new Map<string, number>();
  let known = true;
  for (let i = 0; i < files.length; i += STAT_AHEAD) {
    await Promise.all(
      files.slice(i, i + STAT_AHEAD).map(async (f) => {
        if (f.problem !== undefined) return; // never read: nothing to count
        if (f.stdin !== undefined) {
          known = false;
          return;
        }
        try {
          const info = await stat(fsPath(f.absPath));
          if (info.isFile()) sizes.set(f.absPath, info.size);
          else known = false;
        } catch {
          // Reading it will report why; it adds nothing to read.
        }
      }),
    );
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  return new InputBytes(known ? total : null, sizes);
}
