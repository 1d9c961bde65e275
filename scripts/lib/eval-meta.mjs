// eval-meta.mjs — per-field metadata matching for eval-extract.mjs.
//
// norm(s): NFKC, lower case, format characters (zero-width spaces) and quotation marks dropped,
// dashes → '-', whitespace collapsed, trimmed of surrounding spaces and punctuation.
//
// title     exact:   norm(predicted) === norm(expected).
//           lenient: also a match when one title is the other plus a site part split off by a
//                    separator (' | ', ' - ', ' – ', ' — ', ' · ', ' » ', ':', '：', '_', 'ㅣ'),
//                    e.g. "Get your Frontend JavaScript Code Covered | Code" vs the bare headline,
//                    on either side, at the start or the end; the part kept must be at least half
//                    the longer title's length so that a site name alone never matches.
//           Reported: lenient (exact in brackets). Pages without an expected title are left out.
// published YYYY-MM-DD of both, as printed (the calendar date in the value's own offset; no
//           conversion to UTC), over pages with an expected date only. A page where the
//           system gives no date counts as a miss. ±1 day agreement is reported alongside
//           (time-zone shifts between the page's offset and the expected value's).
// outlet    siteName (readability, newspaper4k: meta_site_name when not empty): norm equality,
//           or equal once reduced to letters and digits ("The Verge" / "TheVerge"), or one
//           containing the other as a whole word run ("BBC" in "BBC News").
//           fundus gives no site name, only the publisher's code id (APNews, SpiegelOnline), so
//           there it is matched loosely: letters and digits only, accents dropped, one containing
//           the other (after dropping a leading "the"), an all-capitals id equal to the initials
//           of the predicted name (WAZ, BSZ), or the id's capitalised parts ("Spiegel", "Online")
//           covering the predicted name's words. Names in another script (朝日新聞デジタル for
//           AsahiShimbun) cannot match, so this line is indicative only. It is listed as its own
//           line ("outlet~id").

function norm(s) {
  if (s === null || s === undefined) return '';
  return String(s)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Cf}/gu, '')
    .replace(/["'`\u2018\u2019\u201A\u201B\u2032\u00B4\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2039\u203A\u300C\u300D]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

const SEP = /\s+[|\-–—:·»_ㅣ]\s+|\s*[|｜：:_ㅣ]\s*/;

function titleParts(t) {
  // Every split of the title at one separator: [head, tail] pairs.
  const out = [];
  const re = new RegExp(SEP.source, 'g');
  let m;
  while ((m = re.exec(t)) !== null) {
    out.push(t.slice(0, m.index), t.slice(m.index + m[0].length));
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

export function titleMatch(pred, exp) {
  const a = norm(pred);
  const b = norm(exp);
  if (a === '' || b === '') return { exact: false, lenient: false };
  if (a === b) return { exact: true, lenient: true };
  const longer = Math.max(a.length, b.length);
  const ok = (x, y) =>
    titleParts(String(x).normalize('NFKC'))
      .map(norm)
      .some((part) => part === y && part.length * 2 >= longer);
  const lenient = ok(pred, b) || ok(exp, a);
  return { exact: false, lenient };
}

export function isoDay(value) {
  if (value === null || value === undefined) return null;
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(String(value));
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().slice(0, 10);
}

export function dateMatch(pred, exp) {
  const a = isoDay(pred);
  const b = isoDay(exp);
  if (b === null) return null;
  if (a === null) return { exact: false, nearby: false, pred: null, exp: b };
  const days = Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86400000;
  return { exact: a === b, nearby: days <= 1, pred: a, exp: b };
}

const alnum = (s) => norm(s).replace(/[^\p{L}\p{N}]+/gu, '');
const plain = (s) => alnum(String(s ?? '').normalize('NFD').replace(/\p{M}/gu, ''));

export function outletMatch(pred, exp, kind) {
  const a = norm(pred);
  const b = norm(exp);
  if (b === '') return null;
  if (a === '') return false;
  if (kind === 'publisher-id') {
    const x = plain(pred).replace(/^the/, '');
    const y = plain(exp).replace(/^the/, '');
    if (x === '' || y === '') return false;
    if (x.includes(y) || y.includes(x)) return true;
    if (/^[A-Z]{2,5}$/.test(String(exp))) {
      const initials = String(pred)
        .normalize('NFD')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .map((w) => w[0].toLowerCase())
        .join('');
      if (initials === y) return true;
    }
    // Publisher ids are CamelCase: "SpiegelOnline" → spiegel, online; "BerlinerMorgenpost".
    const parts = String(exp)
      .split(/(?<=[a-z0-9])(?=[A-Z])/)
      .map((p) => p.toLowerCase())
      .filter((p) => p.length >= 3);
    const words = a.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && w !== 'the' && w !== 'der' && w !== 'die');
    return words.length > 0 && words.every((w) => parts.some((p) => p === w || p.includes(w) || w.includes(p)));
  }
  if (a === b || alnum(pred) === alnum(exp)) return true;
  const wa = ` ${a.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const wb = ` ${b.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  return wa.includes(wb) || wb.includes(wa);
}
