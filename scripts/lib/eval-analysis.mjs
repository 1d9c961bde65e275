// eval-analysis.mjs — shape-based kinds for the lines an extractor got wrong, so that the
// report can say what the extra text is (captions? bylines? related links?) and what was lost.
// The kinds are about a line's shape and wording, never about one site; a line gets the first
// kind that fits, in the order below.

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_RE = new RegExp(
  `\\b(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|(?:${MONTHS})\\.? \\d{1,2},? \\d{4}|\\d{1,2}\\.? (?:${MONTHS})\\.? \\d{4}|\\d{1,2}:\\d{2}\\s*(?:am|pm|uhr|h)?)\\b`,
  'i',
);
const CREDIT_RE =
  /\b(?:photo|photograph|image|picture|foto|bild|illustration|credit|getty|reuters|afp|ap photo|dpa|epa|imago|shutterstock|istock|alamy|keystone|picture alliance|picture-alliance|©|copyright|file photo|video|watch)\b|©/i;
const BYLINE_RE =
  /^(?:by|von|par|por|di|door|av|af|od|przez|autor|author|written by|reporting by|editing by|text:|von:)\s+\S|\b(?:staff writer|correspondent|reporter|redakteur|redaktion|editor)\b|^[\p{Lu}][\p{L}'.-]+(?: [\p{Lu}][\p{L}'.-]+){1,3}(?:,| and | und | et )/iu;
const CTA_RE =
  /\b(?:subscribe|sign up|newsletter|share|tweet|facebook|twitter|whatsapp|linkedin|e-?mail|comments?|kommentar|abonn|advertisement|anzeige|werbung|sponsored|cookie|read more|mehr zum thema|lesen sie auch|related|most read|trending|follow us|download the app|click here|all rights reserved|tags?:|topics?:|themen)\b/i;

/** Kind of one line of text that a system kept but the expected text lacks (or the reverse). */
export function lineKind(line, { title = null } = {}) {
  const t = line.trim();
  const words = t.split(/\s+/).filter(Boolean);
  // Scripts written without spaces (Chinese, Japanese, Thai...): count two characters a word.
  const unspaced = (t.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu) ?? []).length;
  const n = Math.max(words.length, Math.round(unspaced / 2));
  const endsSentence = /[.!?。！？؟…"'”»)]$/.test(t);
  if (title && t.toLowerCase() === String(title).trim().toLowerCase()) return 'title';
  if (n <= 12 && DATE_RE.test(t) && !endsSentence) return 'date/time';
  if (n <= 30 && CREDIT_RE.test(t) && /(?:photo|foto|bild|image|credit|getty|reuters|afp|dpa|epa|imago|©|shutterstock|istock|alamy|keystone|picture)/i.test(t))
    return 'caption/credit';
  if (n <= 12 && BYLINE_RE.test(t)) return 'byline';
  if (n <= 20 && CTA_RE.test(t)) return 'share/subscribe/nav';
  if (n <= 3) return 'crumb (1-3 words)';
  if (n <= 16 && !endsSentence) return 'headline-like';
  return 'prose';
}

export const KINDS = ['title', 'date/time', 'caption/credit', 'byline', 'share/subscribe/nav', 'crumb (1-3 words)', 'headline-like', 'prose'];
