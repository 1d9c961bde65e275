/**
 * Plain-text scrapes: a crawler's text dump of a page, furniture included. The head of such a
 * page is read as printed (masthead, tagline, dateline, headline); the rest is cleaned by the
 * furniture rules.
 */
import { parseDateline } from './dates.js';
import { classifyLine, isHeadlineLike, removeFurniture } from './furniture.js';
import type { Article } from './types.js';

/** How far down the page the dateline may sit (non-blank lines). */
const HEAD_LINES = 6;

function isMastheadLike(line: string): boolean {
  const t = line.trim();
  const words = t.split(/\s+/).length;
  return t.length > 0 && t.length <= 60 && words <= 6 && !/[.,;:!?]$/.test(t);
}

export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\u2028|\u2029/);
}

export function extractPlainText(raw: string): Article {
  const lines = splitLines(raw);
  const nonBlank: number[] = [];
  for (let i = 0; i < lines.length && nonBlank.length < HEAD_LINES + 2; i++) {
    if (lines[i]!.trim().length > 0) nonBlank.push(i);
  }

  let outlet: string | null = null;
  let dateline: string | null = null;
  let published: string | null = null;
  let title: string | null = null;
  let bodyStart = 0;

  // Masthead block ending in a dateline: "Arab Press / <tagline> / Tuesday, Feb 03, 2026".
  for (let k = 0; k < Math.min(HEAD_LINES, nonBlank.length); k++) {
    const i = nonBlank[k]!;
    const d = parseDateline(lines[i]!);
    if (d === null) continue;
    dateline = d.printed;
    published = d.iso;
    if (k > 0 && isMastheadLike(lines[nonBlank[0]!]!)) outlet = lines[nonBlank[0]!]!.trim();
    bodyStart = i + 1;
    break;
  }

  // Headline: the first line of the body when it is shaped like one and text follows it.
  let i = bodyStart;
  while (i < lines.length) {
    const kind = classifyLine(lines[i]!);
    if (kind === 'blank' || kind === 'crumb' || kind === 'marker') i++;
    else break;
  }
  if (i < lines.length && isHeadlineLike(lines[i]!) && lines.slice(i + 1).some((l) => l.trim().length > 0)) {
    title = lines[i]!.trim();
    bodyStart = i + 1;
  }

  const body = removeFurniture(lines.slice(bodyStart));
  while (body.length > 0 && body[0] === "") body.shift();
  // The headline printed again at the top of the body.
  if (title !== null && body.length > 0 && body[0]!.toLowerCase() === title.toLowerCase()) body.shift();
  while (body.length > 0 && body[0] === "") body.shift();
  return { title, outlet, byline: null, dateline, published, lang: null, text: body.join('\n'), method: 'plaintext' };
}
