/**
 * One pass over a page's text that gives, per line, its template key (the hash of the normalised
 * line), its length, and the hashes of its word tokens: what the scan keeps of a page between
 * reading and signing (extract/templates.ts, LineSketch).
 *
 * The reference is per line: `normalizeText(line)`, then `hashString(normalized, lineSeed)` and
 * `normalizedTokenHashes(normalized)`. That costs a substring, a lower-cased copy and a collapsed
 * copy per line, and a scan of each. Most lines of news text are ASCII with curly quotes and
 * dashes, whose normal form is one character per character: for those this kernel reads the
 * text's UTF-16 code units once, in place, and feeds the normalised characters straight into the
 * two MurmurHash3 states (line and token) without building a string. Any other line (other
 * scripts, NFKC-sensitive characters) takes the reference path, so the result is the reference's
 * bit for bit; a test compares the two on real and random text.
 */
import { fmix32, hashString } from './hash.js';
import { normalizeText } from './normalize.js';
import { normalizedTokenHashes, TOKEN_SEED } from './shingles.js';

export interface LineHashes {
  /** Per line: hash of its normalised form, 0 for a line that normalises to nothing. */
  keys: Uint32Array;
  /** Per line: its length in UTF-16 code units. */
  chars: Uint32Array;
  /** Per line: exclusive end of its tokens in `tokens`. */
  ends: Uint32Array;
  /** Token hashes of every line, in order. */
  tokens: Uint32Array;
}

/** What a code unit becomes in the normal form of a fast line; SPACE for whitespace; SLOW: not a fast line. */
const SPACE = -1;
const SLOW = -2;
const LINE_END = -3;

const isLineEnd = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

// 0x0000-0x007f and the few non-ASCII code units news text is full of, mapped as normalizeText does:
// lower case, ` and curly single quotes to ', curly double quotes to ", en and em dashes to -,
// tab and no-break space to whitespace (NFKC makes U+00A0 a space). Control characters are SLOW.
const ASCII_MAP = new Int16Array(128).fill(SLOW);
for (let c = 0x20; c < 0x7f; c++) ASCII_MAP[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
ASCII_MAP[0x60] = 0x27;
ASCII_MAP[0x09] = SPACE;
ASCII_MAP[0x20] = SPACE;
ASCII_MAP[0x0a] = LINE_END;
ASCII_MAP[0x0d] = LINE_END;

function normalUnit(c: number): number {
  if (c < 0x80) return ASCII_MAP[c]!;
  switch (c) {
    case 0xa0:
      return SPACE;
    case 0x2028:
    case 0x2029:
      return LINE_END;
    case 0x2018:
    case 0x2019:
      return 0x27;
    case 0x201c:
    case 0x201d:
      return 0x22;
    case 0x2013:
    case 0x2014:
      return 0x2d;
    default:
      return SLOW;
  }
}

const isWordUnit = (u: number): boolean => (u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39);

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, pending: number, length: number): number {
  if (pending >= 0) h ^= mixK(pending);
  return fmix32(h ^ length);
}

/** Scratch buffers reused across calls (a worker hashes one page at a time); grown by doubling. */
const scratch: { tokens: Uint32Array<ArrayBuffer>; lines: Uint32Array<ArrayBuffer> } = { tokens: new Uint32Array(4096), lines: new Uint32Array(3 * 256) };

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(a.length * 2);
  grown.set(a);
  return grown;
}

/**
 * The lines of a text as splitLines (extract/plaintext.ts) cuts them (a leading byte-order mark
 * dropped; \r\n, \r, \n, U+2028, U+2029 end a line), each hashed as described above.
 */
export function hashLines(text: string, lineSeed: number): LineHashes {
  const n = text.length;
  let tokenBuf = scratch.tokens;
  let lineBuf = scratch.lines;
  let lines = 0;
  let tokens = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    // This line: [start, end), end found by the fast path or, when it gives up, by a plain scan.
    let end = start;
    const firstToken = tokens;
    let key = 0;
    // The fast path: line hash state (h, pending half-word, length), token hash state.
    let lh = lineSeed | 0;
    let lPending = -1;
    let lLength = 0;
    let spaceDue = false;
    let th = 0;
    let tPending = -1;
    let tLength = 0;
    let slow = false;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      const u = c < 0x80 ? ASCII_MAP[c]! : normalUnit(c);
      if (u === LINE_END) break;
      if (u === SLOW) {
        slow = true;
        while (end < n && !isLineEnd(text.charCodeAt(end))) end++;
        break;
      }
      if (u === SPACE) {
        if (lLength > 0) spaceDue = true;
        if (tLength > 0) {
          if (tokens === tokenBuf.length) tokenBuf = grow(tokenBuf);
          tokenBuf[tokens++] = finish(th, tPending, tLength);
          tLength = 0;
        }
        continue;
      }
      if (spaceDue) {
        // The collapsed space between two words: in the line's hash, never in a token.
        if (lPending < 0) lPending = 0x20;
        else {
          lh = mixH(lh, lPending | (0x20 << 16));
          lPending = -1;
        }
        lLength++;
        spaceDue = false;
      }
      if (lPending < 0) lPending = u;
      else {
        lh = mixH(lh, lPending | (u << 16));
        lPending = -1;
      }
      lLength++;
      // A token is a run of [a-z0-9], and ' joins two runs: /[a-z0-9]+(?:'[a-z0-9]+)*/.
      const inToken = isWordUnit(u) || (u === 0x27 && tLength > 0 && end + 1 < n && isWordUnit(normalUnit(text.charCodeAt(end + 1))));
      if (inToken) {
        if (tLength === 0) {
          th = TOKEN_SEED | 0;
          tPending = -1;
        }
        if (tPending < 0) tPending = u;
        else {
          th = mixH(th, tPending | (u << 16));
          tPending = -1;
        }
        tLength++;
      } else if (tLength > 0) {
        if (tokens === tokenBuf.length) tokenBuf = grow(tokenBuf);
        tokenBuf[tokens++] = finish(th, tPending, tLength);
        tLength = 0;
      }
    }
    if (slow) {
      // The reference path for this line.
      tokens = firstToken;
      const normalized = normalizeText(text.slice(start, end));
      key = normalized.length === 0 ? 0 : hashString(normalized, lineSeed);
      const own = normalizedTokenHashes(normalized);
      for (let t = 0; t < own.length; t++) {
        if (tokens === tokenBuf.length) tokenBuf = grow(tokenBuf);
        tokenBuf[tokens++] = own[t]!;
      }
    } else {
      if (tLength > 0) {
        if (tokens === tokenBuf.length) tokenBuf = grow(tokenBuf);
        tokenBuf[tokens++] = finish(th, tPending, tLength);
      }
      key = lLength === 0 ? 0 : finish(lh, lPending, lLength);
    }
    if (3 * lines + 3 > lineBuf.length) lineBuf = grow(lineBuf);
    lineBuf[3 * lines] = key;
    lineBuf[3 * lines + 1] = end - start;
    lineBuf[3 * lines + 2] = tokens;
    lines++;
    if (end >= n) break;
    start = text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
  }
  scratch.tokens = tokenBuf;
  scratch.lines = lineBuf;
  // One buffer behind all four arrays: a worker transfers it in one piece.
  const all = new Uint32Array(3 * lines + tokens);
  for (let l = 0; l < lines; l++) {
    all[l] = lineBuf[3 * l]!;
    all[lines + l] = lineBuf[3 * l + 1]!;
    all[2 * lines + l] = lineBuf[3 * l + 2]!;
  }
  all.set(tokenBuf.subarray(0, tokens), 3 * lines);
  return { keys: all.subarray(0, lines), chars: all.subarray(lines, 2 * lines), ends: all.subarray(2 * lines, 3 * lines), tokens: all.subarray(3 * lines) };
}
