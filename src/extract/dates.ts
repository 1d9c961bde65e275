/**
 * Dateline parsing: the date forms news pages print, to an ISO calendar date, keeping the form
 * as printed. Only unambiguous forms are accepted: 03/04/2025 is skipped, 31/05/2025 is not.
 */

export interface ParsedDate {
  /** YYYY-MM-DD */
  iso: string;
  /** The date as printed on the page. */
  printed: string;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const WEEKDAY = '(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\.?,?\\s+)?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

interface Pattern {
  re: RegExp;
  pick: (m: RegExpExecArray) => [number, number, number] | null; // y, m, d
}

const PATTERNS: Pattern[] = [
  // Tuesday, Feb 03, 2026 / May 31, 2025 / Sept. 14, 2025
  { re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'i'), pick: (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!] },
  // Saturday 31 May 2025 / 31st May, 2025
  { re: new RegExp(`\\b${WEEKDAY}${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'i'), pick: (m) => [+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!] },
  // 2025-05-31, 2025/05/31, 2025-05-31T10:00:00Z
  { re: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])/, pick: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // 31.05.2025 (day first, as printed across Europe)
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, pick: (m) => [+m[3]!, +m[2]!, +m[1]!] },
  // 31/05/2025 or 05/31/2025, only when one side cannot be a month
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    pick: (m) => {
      const a = +m[1]!;
      const b = +m[2]!;
      if (a > 12 && b <= 12) return [+m[3]!, b, a];
      if (b > 12 && a <= 12) return [+m[3]!, a, b];
      return null;
    },
  },
];

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The first date in a string, if any. */
export function findDate(text: string): (ParsedDate & { index: number; length: number }) | null {
  let best: (ParsedDate & { index: number; length: number }) | null = null;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m === null) continue;
    const ymd = p.pick(m);
    if (ymd === null || !validDate(...ymd)) continue;
    if (best === null || m.index < best.index) {
      best = { iso: `${pad(ymd[0], 4)}-${pad(ymd[1])}-${pad(ymd[2])}`, printed: m[0].trim(), index: m.index, length: m[0].length };
    }
  }
  return best;
}

const DATELINE_NOISE =
  /\b(published|updated|posted|last updated|modified|on|at|am|pm|gmt|utc|bst|cet|cest|est|edt|pst|pdt|\d{1,2}:\d{2}(:\d{2})?)\b|[|•·,:\-–—()]/gi;

/**
 * A line that is a dateline: a date plus at most a few words of furniture around it
 * ("Published: May 31, 2025 10:30 GMT"), not a sentence that happens to mention a date.
 */
export function parseDateline(line: string): ParsedDate | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return null;
  const found = findDate(trimmed);
  if (found === null) return null;
  const rest = (trimmed.slice(0, found.index) + ' ' + trimmed.slice(found.index + found.length))
    .replace(DATELINE_NOISE, ' ')
    .trim();
  if (rest.split(/\s+/).filter(Boolean).length > 2) return null;
  return { iso: found.iso, printed: found.printed };
}

/** ISO date (YYYY-MM-DD) of a machine-readable timestamp, keeping the calendar date as written. */
export function isoDateOf(value: string): string | null {
  // Extended (2018-06-19) or basic (20180619T055000+0900) ISO 8601.
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?!\d)/.exec(value);
  if (m !== null) return validDate(+m[1]!, +m[2]!, +m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  const found = findDate(value);
  if (found !== null) return found.iso;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
