/**
 * gzip members of a .warc.gz / .arc.gz: the file is walked member by member (each member inflated
 * on its own, bounded by maxBytes, its CRC checked), so the compressed offset of every member is
 * known and the file is never inflated into one buffer. A member that cannot be inflated breaks the
 * run; reading resumes at the next member found by scanning for a gzip header that inflates.
 */
import zlib from 'node:zlib';

export const EMPTY = Buffer.alloc(0);

interface Inflated {
  /** Decompressed bytes; a correct prefix when `cut`. */
  data: Buffer;
  /** File offset just past the member, or -1 when it could not be found. */
  end: number;
  error: string | null;
  /** The deflate data ends early (a truncated file): `data` is what it held up to the cut. */
  cut: boolean;
}

type InflateResult = { buffer: Buffer; engine: { bytesWritten: number } };

function zlibCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return typeof err.code === 'string' ? err.code : '';
}

export function isTooLarge(e: unknown): boolean {
  const err = e as NodeJS.ErrnoException;
  return err.code === 'ERR_BUFFER_TOO_LARGE' || /larger than|maxOutputLength/i.test(String(err.message));
}

/** Offset just past the gzip header at `pos`, or an error message. */
function gzipHeaderEnd(buf: Uint8Array, pos: number): number | string {
  if (pos + 10 > buf.length) return 'gzip header cut short';
  if (buf[pos] !== 0x1f || buf[pos + 1] !== 0x8b) return 'not gzip data';
  if (buf[pos + 2] !== 8) return 'gzip member with an unknown compression method';
  const flg = buf[pos + 3]!;
  if ((flg & 0xe0) !== 0) return 'gzip header with reserved flags set';
  let p = pos + 10;
  if (flg & 4) {
    if (p + 2 > buf.length) return 'gzip header cut short';
    p += 2 + (buf[p]! | (buf[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < buf.length && buf[p] !== 0) p++;
      p++;
    }
  }
  if (flg & 2) p += 2;
  if (p > buf.length) return 'gzip header cut short';
  return p;
}

/** Inflates the one gzip member that starts at `pos` (and only that member). */
export function inflateMember(buf: Buffer, pos: number, maxBytes: number): Inflated {
  const hdrEnd = gzipHeaderEnd(buf, pos);
  if (typeof hdrEnd === 'string') return { data: EMPTY, end: -1, error: hdrEnd, cut: false };
  const input = buf.subarray(hdrEnd);
  let r: InflateResult;
  try {
    r = zlib.inflateRawSync(input, { info: true, maxOutputLength: Math.max(1, maxBytes) }) as unknown as InflateResult;
  } catch (e) {
    if (isTooLarge(e)) return { data: EMPTY, end: -1, error: `gzip member expands past the ${maxBytes}-byte limit`, cut: false };
    if (zlibCode(e) === 'Z_BUF_ERROR') {
      // Cut short (a truncated file): what inflates up to the cut is still good data.
      let partial = EMPTY;
      try {
        partial = zlib.inflateRawSync(input, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, maxBytes) });
      } catch {
        /* keep nothing */
      }
      return { data: partial, end: buf.length, error: 'gzip data ends unexpectedly (file truncated)', cut: true };
    }
    return { data: EMPTY, end: -1, error: `corrupt gzip data (${(e as Error).message})`, cut: false };
  }
  const trailer = hdrEnd + r.engine.bytesWritten;
  if (trailer + 8 > buf.length) {
    // the deflate data is whole: only the check is missing
    return { data: r.buffer, end: buf.length, error: 'gzip member has no CRC trailer (file truncated)', cut: false };
  }
  const crc = buf.readUInt32LE(trailer);
  const size = buf.readUInt32LE(trailer + 4);
  if (crc !== zlib.crc32(r.buffer) || size !== r.buffer.length % 2 ** 32) {
    return { data: EMPTY, end: trailer + 8, error: 'corrupt gzip member (CRC or length check failed)', cut: false };
  }
  return { data: r.buffer, end: trailer + 8, error: null, cut: false };
}

/** Whether a plausible gzip member starts at `pos`: a valid header and data that starts to inflate. */
function plausibleMember(buf: Buffer, pos: number): boolean {
  const hdrEnd = gzipHeaderEnd(buf, pos);
  if (typeof hdrEnd === 'string') return false;
  try {
    zlib.inflateRawSync(buf.subarray(hdrEnd, hdrEnd + 4096), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: 1 << 20,
    });
    return true;
  } catch (e) {
    return isTooLarge(e);
  }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

function nextMember(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(GZIP_MAGIC, from); i >= 0; i = buf.indexOf(GZIP_MAGIC, i + 1)) {
    if (plausibleMember(buf, i)) return i;
  }
  return -1;
}

/** A stretch of the logical (decompressed) stream. `brk`: the stream is damaged right after it. */
export interface Unit {
  fileOffset: number;
  data: Buffer;
  brk: string | null;
}

export function isPadding(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== 0 && b !== 0x0a && b !== 0x0d && b !== 0x20) return false;
  }
  return true;
}

export function* gzipUnits(buf: Buffer, maxBytes: number): Generator<Unit> {
  let pos = 0;
  while (pos < buf.length) {
    if (buf[pos] !== 0x1f || buf[pos + 1] !== 0x8b) {
      if (isPadding(buf, pos)) return;
      const next = nextMember(buf, pos + 1);
      const stop = next < 0 ? buf.length : next;
      yield { fileOffset: pos, data: EMPTY, brk: `${stop - pos} bytes that are not gzip data` };
      if (next < 0) return;
      pos = next;
      continue;
    }
    const m = inflateMember(buf, pos, maxBytes);
    yield { fileOffset: pos, data: m.data, brk: m.error === null ? null : `gzip member at byte ${pos}: ${m.error}` };
    if (m.end >= 0) {
      pos = m.end;
    } else {
      const next = nextMember(buf, pos + 1);
      if (next < 0) return;
      pos = next;
    }
  }
}
