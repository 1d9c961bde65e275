/**
 * Plain-text scrapes: a crawler's text dump of a page, furniture included. The head of such a
 * page is read as printed (masthead, tagline, menus, dateline, headline); the rest is cleaned by
 * the furniture rules. The rules go by structure (position, line length in words and characters,
 * punctuation in any script) so they hold for Arabic or Cyrillic chrome as for English.
 */
import { dateOrderOf, parseDateline, type DateOrder, type DateOrderHint } from './dates.js';
import { classifyLine, isHeadlineLike, isProse, isShortTitle, removeClassifiedFurniture, wordUnits, type LineKind } from './furniture.js';
import { attributionCredit, isAttributionLine } from './markers.js';
import type { Article } from './types.js';
import { splitLines } from '../text/lines.js';

/** How far down the page the dateline may sit (non-blank lines), unless article prose starts first. */
const HEAD_LINES = 12;
/** How many non-blank lines of page chrome may sit between the dateline and the headline. */
const CHROME_LINES = 10;

/** Kinds of line that are page chrome wherever they sit in the head. */
const CHROME: ReadonlySet<LineKind> = new Set(['blank', 'crumb', 'menu', 'marker', 'see-also', 'cookie', 'date']);

/** A masthead: an outlet's name, in any script: short, no sentence punctuation. */
function isMastheadLike(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 60 && wordUnits(t) <= 6 && /\p{L}/u.test(t) && !/[.,;:!?،؛؟。，！？]$/u.test(t);
}

/** Whether a non-blank line follows line i. */
function hasTextAfter(lines: readonly string[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]!.trim().length > 0) return true;
  return false;
}

interface Head {
  outlet: string | null;
  dateline: string | null;
  published: string | null;
  title: string | null;
  bodyStart: number;
}

/**
 * The page's head: a masthead block ending in a dateline ("Arab Press / <tagline> / Tuesday, Feb
 * 03, 2026", "الوسط / <tagline> / <menu> / الثلاثاء 3 شباط 2026"), then the headline; or the
 * headline printed above the dateline ("Коммерсантъ / <menu> / <headline> / 3 февраля 2026").
 */
function readHead(lines: readonly string[], order: DateOrderHint, kind: (i: number) => LineKind): Head {
  const head: Head = { outlet: null, dateline: null, published: null, title: null, bodyStart: 0 };

  // Non-blank lines of the head, up to the dateline or the first line of article prose.
  const seen: number[] = [];
  let dateK = -1;
  for (let i = 0; i < lines.length && seen.length < HEAD_LINES; i++) {
    if (lines[i]!.trim().length === 0) continue;
    const d = parseDateline(lines[i]!, order);
    seen.push(i);
    if (d !== null) {
      head.dateline = d.printed;
      head.published = d.iso;
      head.bodyStart = i + 1;
      dateK = seen.length - 1;
      break;
    }
    if (isProse(lines[i]!)) break;
  }

  // The masthead: the first line above the dateline that is not a crumb, menu or marker.
  let outletK = -1;
  for (let k = 0; k < dateK; k++) {
    const i = seen[k]!;
    if (kind(i) !== 'text') continue;
    if (isMastheadLike(lines[i]!)) {
      head.outlet = lines[i]!.trim();
      outletK = k;
    }
    break;
  }

  // The headline after the dateline: the first headline-like line that text follows, past
  // blank lines, crumbs and markers, and, on a page with a masthead or dateline, past menus and
  // other short chrome lines.
  const chrome = dateK >= 0;
  let i = head.bodyStart;
  let skipped = 0;
  let candidate = -1;
  while (i < lines.length && skipped <= CHROME_LINES) {
    const t = lines[i]!;
    const k = kind(i);
    if (k === 'blank') {
      i++;
      continue;
    }
    if (k === 'text' && isHeadlineLike(t)) {
      candidate = i;
      break;
    }
    const skip = k === 'crumb' || k === 'marker' || k === 'see-also' || (chrome && (CHROME.has(k) || (k === 'text' && isShortTitle(t) && !isProse(t))));
    if (!skip) break;
    skipped++;
    i++;
  }
  if (candidate >= 0 && hasTextAfter(lines, candidate)) {
    head.title = lines[candidate]!.trim();
    head.bodyStart = candidate + 1;
  } else if (dateK >= 2 && dateK - 1 > outletK + 1) {
    // No headline below the dateline: the line right above it, when it is not the masthead's
    // own tagline (a line directly under the masthead).
    const above = seen[dateK - 1]!;
    if (kind(above) === 'text' && isHeadlineLike(lines[above]!)) head.title = lines[above]!.trim();
  }
  return head;
}

/**
 * findCredit() (furniture.ts) of lines whose kinds are known or found on demand: the first
 * attribution line removed as a crumb that names a source. A line not classified yet (the head
 * above the body: masthead, tagline, dateline) is asked the cheaper question first, so it is
 * classified only when it reads as an attribution.
 */
function creditOf(lines: readonly string[], kind: (i: number) => LineKind, known: (i: number) => LineKind | undefined): string | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const classified = known(i);
    if (classified !== undefined ? classified !== 'crumb' || !isAttributionLine(line) : !isAttributionLine(line) || kind(i) !== 'crumb') continue;
    const credit = attributionCredit(line);
    if (credit !== null) return credit;
  }
  return null;
}

export function extractPlainText(raw: string): Article {
  const lines = splitLines(raw);
  // The page's date order is a scan of its text, and only an ambiguous numeric date asks for it.
  let pageOrder: DateOrder | null | undefined;
  const order = (): DateOrder | null => (pageOrder === undefined ? (pageOrder = dateOrderOf(raw)) : pageOrder);
  // Each line is classified once, when first asked about: the head, the furniture rules and the
  // credit all ask.
  const kinds: (LineKind | undefined)[] = new Array<LineKind | undefined>(lines.length).fill(undefined);
  const kind = (i: number): LineKind => (kinds[i] ??= classifyLine(lines[i]!, order));
  const { outlet, dateline, published, title, bodyStart } = readHead(lines, order, kind);

  const bodyKinds: LineKind[] = [];
  for (let i = bodyStart; i < lines.length; i++) bodyKinds.push(kind(i));
  const body = removeClassifiedFurniture(lines.slice(bodyStart), bodyKinds, { order });
  while (body.length > 0 && body[0] === '') body.shift();
  // The headline printed again at the top of the body.
  if (title !== null && body.length > 0 && body[0]!.toLowerCase() === title.toLowerCase()) body.shift();
  while (body.length > 0 && body[0] === '') body.shift();
  const credit = creditOf(lines, kind, (i) => kinds[i]);
  return { title, outlet, byline: null, dateline, published, lang: null, text: body.join('\n'), method: 'plaintext', credit };
}
