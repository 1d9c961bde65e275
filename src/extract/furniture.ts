/**
 * Line-level removal of page furniture that survives scraping or Readability: media-player
 * crumbs, cookie notices, section markers with the lists that follow them, runs of headline-like
 * lines (related-article lists), teaser "Read more" lines and repeated lines. The rules are about
 * shape (length, punctuation, capitalisation, position, repetition), never about one site.
 */
import { parseDateline } from './dates.js';

const CRUMB =
  /^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*\/\s*\d{1,2}:\d{2}(?::\d{2})?)?|close|closed captions|×|✕|✖|x|play|pause|replay|mute|unmute|volume|full ?screen|exit full ?screen|captions|settings|advertisement|ad|skip ad|sponsored|share|share this|tweet|pin|print|email|e-mail|copy link|link copied|menu|search|subscribe|sign in|sign up|log in|login|register|loading|back to top|scroll to top|next|previous|prev|more|less|show less|show more|read more|read less|keep reading|keep readingshow less|continue reading|view comments|comments|\d+ comments?|accept|accept all|reject all|manage preferences|got it|ok|okay)$/i;

const SECTION_MARKER =
  /^(?:newsletters?|sign up for (?:our|the) newsletter.*|subscribe to (?:our|the) newsletter.*|related(?: articles?| stories| posts| content| news| coverage| reading| topics)?|recent (?:posts|articles|stories|news)|more (?:stories|news|articles|from .{1,40}|on this story|on this topic|in .{1,30})|you (?:may|might) also (?:like|be interested in|enjoy)|also read|read (?:also|next|more)|trending(?: now| stories| news)?|most (?:read|popular|viewed|shared|commented)|latest(?: news| stories| articles| posts)?|popular(?: posts| stories| now)?|recommended(?: for you| stories| articles)?|see also|further reading|top stories|editor'?s picks|what to read next|around the web|from our partners|sponsored (?:content|stories|links)|follow us(?: on .{1,30})?|share (?:this|the) (?:article|story|post)|tags?|topics|comments|leave a (?:comment|reply))$/i;

// Messages a page shows instead of a player or widget: never article text.
const PLAYER_NOTICE =
  /^skip to (?:main )?(?:content|navigation|search)|^sign up for (?:our |the )?(?:free )?(?:\w+ )?(?:newsletters?|breaking news|alerts|updates)|(?:please )?enable javascript|javascript is (?:disabled|required|turned off)|browser (?:does not|doesn't) support|upgrad(?:e|ing) to a (?:web )?browser|supports? html5 video/i;
// Above the article: "Updated 10:32", "Stand: 20:03 Uhr | Lesedauer: 3 Min.", "5 min read".
const TIMESTAMP_LINE =
  /^(?:(?:last )?updated|published|posted|stand|aktualisiert|publiziert|veröffentlicht|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato)\b|\b(?:lesedauer|lesezeit|reading time|temps de lecture|min(?:ute)?s? read)\b/i;
const COOKIE = /\bcookies?\b/i;
const COOKIE_CONTEXT = /\b(?:use|uses|using|accept|consent|policy|website|site|experience|preferences|settings)\b/i;
const TEASER_TAIL = /(?:…|\.\.\.)\s*(?:read more|continue reading|more)\s*$/i;
const HAS_WORD = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…"'”’»)\]]$/;
const STARTS_UPPER = /^[\p{Lu}\p{N}"'“‘«(\[]/u;
const STARTS_LOWER = /^\p{Ll}/u;

export type LineKind = 'blank' | 'crumb' | 'marker' | 'cookie' | 'teaser' | 'date' | 'text';

function stripEnds(line: string): string {
  return line.trim().replace(/^[\s•·|>»›\-–—*#]+/, '').replace(/[\s:|•·›»]+$/, '');
}

export function classifyLine(line: string): LineKind {
  const t = line.trim();
  if (t.length === 0) return 'blank';
  if (!HAS_WORD.test(t)) return 'crumb';
  const core = stripEnds(t);
  if (core.length <= 40 && CRUMB.test(core)) return 'crumb';
  if (t.length <= 250 && PLAYER_NOTICE.test(t)) return 'crumb';
  if (core.length <= 80 && SECTION_MARKER.test(core)) return 'marker';
  if (t.length <= 250 && COOKIE.test(t) && COOKIE_CONTEXT.test(t)) return 'cookie';
  if (t.length <= 400 && TEASER_TAIL.test(t)) return 'teaser';
  if (t.length <= 60 && parseDateline(t) !== null) return 'date';
  return 'text';
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** A line shaped like a headline or link text: short, capitalised, no closing punctuation. */
export function isHeadlineLike(line: string): boolean {
  const t = line.trim();
  if (t.length < 12 || t.length > 200) return false;
  const words = wordCount(t);
  if (words < 3 || words > 30) return false;
  if (!STARTS_UPPER.test(t) || STARTS_LOWER.test(t)) return false;
  if (/[,;:]$/.test(t)) return false;
  // A sentence that ends with a full stop reads as prose unless it is short and title-cased.
  if (/[.]$/.test(t)) return false;
  return true;
}

/** A line that is article prose: a sentence or more. */
function isProse(line: string): boolean {
  const t = line.trim();
  return (t.length >= 100 && SENTENCE_END.test(t)) || (wordCount(t) >= 8 && SENTENCE_END.test(t) && !isHeadlineLike(t));
}

export interface CleanOptions {
  /** Minimum run of consecutive headline-like lines treated as a list of links. */
  headlineRun: number;
  /**
   * Share of each line's text inside links, when the lines come from HTML. Then only lines that
   * are mostly link text count towards a headline run: a list of links is furniture, a list of
   * plain items (steps, ingredients, subheadings) is the article's.
   */
  linkShare?: readonly number[];
}

const DEFAULTS: CleanOptions = { headlineRun: 3 };

/**
 * Remove furniture from a page's lines and return the article lines (blank lines kept as
 * paragraph breaks, collapsed).
 */
export function removeFurniture(lines: readonly string[], options: Partial<CleanOptions> = {}): string[] {
  const opts = { ...DEFAULTS, ...options };
  const kinds = lines.map(classifyLine);
  const n = lines.length;

  // A section marker (Related Articles, Newsletter, Recent Posts, ...) starts the page's tail when
  // little article prose follows it (a quarter of what precedes it at most): everything from
  // there on goes. A "Related" box in the middle of an article leaves the rest of it alone.
  const proseBefore = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    proseBefore[i + 1] = proseBefore[i]! + (kinds[i] === 'text' && isProse(lines[i]!) ? lines[i]!.length : 0);
  }
  const total = proseBefore[n]!;
  let end = n;
  for (let i = 0; i < n; i++) {
    if (kinds[i] !== 'marker') continue;
    const before = proseBefore[i]!;
    if (before > 0 && total - before <= before * 0.25) {
      end = i;
      break;
    }
  }

  // In HTML a date alone on a line inside the article is usually the article's own (a date in a
  // timeline, a caption); datelines at the top are handled by the caller.
  const keepDates = opts.linkShare !== undefined;
  const keep = new Uint8Array(end);
  for (let i = 0; i < end; i++) {
    const k = kinds[i];
    keep[i] = k === 'text' || k === 'blank' || (keepDates && k === 'date') ? 1 : 0;
  }

  // Runs of headline-like lines (blank lines and removed furniture do not break a run).
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= opts.headlineRun) for (const i of run) keep[i] = 0;
    run = [];
  };
  for (let i = 0; i < end; i++) {
    if (!keep[i] || kinds[i] === 'blank') continue;
    if (isHeadlineLike(lines[i]!) && (opts.linkShare === undefined || (opts.linkShare[i] ?? 0) >= 0.5)) {
      run.push(i);
    } else flush();
  }
  flush();

  // Before the first paragraph of prose: dates, timestamps and reading times are page furniture.
  for (let i = 0; i < end; i++) {
    if (!keep[i] || kinds[i] === 'blank') continue;
    if (kinds[i] === 'text' && isProse(lines[i]!)) break;
    const t = lines[i]!.trim();
    if (kinds[i] === 'date' || (t.length <= 100 && TIMESTAMP_LINE.test(t))) keep[i] = 0;
  }

  // A short line repeated verbatim (a headline printed twice, a tagline in the footer) is kept
  // once. Prose is left alone: repeating a paragraph is the writer's choice.
  const seen = new Set<string>();
  for (let i = 0; i < end; i++) {
    if (!keep[i] || kinds[i] === 'blank') continue;
    const t = lines[i]!.trim();
    if (t.length > 120 || isProse(t)) continue;
    const k = t.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(k)) keep[i] = 0;
    else seen.add(k);
  }

  const out: string[] = [];
  for (let i = 0; i < end; i++) {
    if (!keep[i]) continue;
    const t = lines[i]!.trim();
    if (t.length === 0) {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else out.push(t);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
