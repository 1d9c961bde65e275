// How a republished copy differs from its original, for the labelled reprint evaluation
// (bench/lib/generate-reprints.js). Each function takes an article { title, paragraphs } and
// returns a new one; none changes its input.
//
//   identical     the same body
//   intro         an editor's note and an added paragraph (from a reserved text in the article's
//                 language, never a corpus article) before the body
//   excerpt       the first 40-70% of the sentences, paragraph breaks kept
//   dropped       15-30% of the paragraphs (of the sentences, under 4 paragraphs) left out, never
//                 the first
//   attribution   "Republished from ..." (or its Arabic / Russian equivalent) above or below
//   quotes        quotation marks and dashes restyled: straight, curly or guillemets
//   typos         about 1 word in 50 misspelt (a letter swapped, dropped, doubled or replaced)
//   reflow        the paragraph breaks moved: paragraphs merged and split at sentence ends
//   ar-orthography  Arabic spelling variants: hamza and madda alef forms to bare alef, alef
//                 maqsura and ya exchanged, tatweel inserted, harakat added or removed
//   digits        Western digits to Arabic-Indic (or Extended Arabic-Indic), or back
//   headline      a new headline
import { innerTypo, typo, withTypos } from './generate.js';

export const MUTATIONS = ['identical', 'intro', 'excerpt', 'dropped', 'attribution', 'quotes', 'typos', 'reflow', 'ar-orthography', 'digits', 'headline'];

const SENTENCE_END = /(?<=[.!?؟…]["'”’»)]?)\s+|(?<=[。！？])/u;

/** Sentences of a paragraph (the paragraph itself when it has no sentence end inside). */
const sentences = (p) => p.split(SENTENCE_END).filter((s) => s.trim().length > 0);

/** Paragraphs as a list of [paragraph index, sentence]. */
const flatSentences = (paragraphs) => paragraphs.flatMap((p, i) => sentences(p).map((s) => [i, s]));

/** Sentences back into paragraphs by their paragraph index. */
function regroup(units, unspaced) {
  const out = [];
  let last = -1;
  for (const [i, s] of units) {
    if (i === last) out[out.length - 1] += (unspaced ? '' : ' ') + s;
    else out.push(s);
    last = i;
  }
  return out;
}

const isUnspaced = (paragraphs) => /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}]/u.test(paragraphs.join(''));

/** The first 40-70% of the sentences, and at least `minWords` words (counted by countWords). */
export function excerpt(a, r, minWords = 0, countWords = null) {
  const units = flatSentences(a.paragraphs);
  const share = 0.4 + 0.3 * r();
  let n = Math.max(1, Math.round(units.length * share));
  if (countWords) {
    let w = units.slice(0, n).reduce((s, u) => s + countWords(u[1]), 0);
    while (w < minWords && n < units.length) w += countWords(units[n++][1]);
  }
  return { ...a, paragraphs: regroup(units.slice(0, n), isUnspaced(a.paragraphs)), share: Math.round((n / units.length) * 100) / 100 };
}

export function dropped(a, r) {
  const share = 0.15 + 0.15 * r();
  if (a.paragraphs.length >= 4) {
    const k = Math.max(1, Math.round(a.paragraphs.length * share));
    const idx = r.shuffle(a.paragraphs.map((_, i) => i).slice(1)).slice(0, k);
    const drop = new Set(idx);
    return { ...a, paragraphs: a.paragraphs.filter((_, i) => !drop.has(i)), share: Math.round((k / a.paragraphs.length) * 100) / 100 };
  }
  const units = flatSentences(a.paragraphs);
  if (units.length < 3) return { ...a, share: 0 };
  const k = Math.max(1, Math.round(units.length * share));
  const drop = new Set(r.shuffle(units.map((_, i) => i).slice(1)).slice(0, k));
  return { ...a, paragraphs: regroup(units.filter((_, i) => !drop.has(i)), isUnspaced(a.paragraphs)), share: Math.round((k / units.length) * 100) / 100 };
}

export function reflow(a, r) {
  const unspaced = isUnspaced(a.paragraphs);
  const units = flatSentences(a.paragraphs);
  if (units.length < 2) return a;
  const joiner = unspaced ? '' : ' ';
  for (let attempt = 0; attempt < 5; attempt++) {
    const out = [];
    let cur = [];
    const target = () => 1 + r.int(4);
    let want = target();
    for (const [, s] of units) {
      cur.push(s);
      if (cur.length >= want) {
        out.push(cur.join(joiner));
        cur = [];
        want = target();
      }
    }
    if (cur.length) out.push(cur.join(joiner));
    if (out.join('\n') !== a.paragraphs.join('\n')) return { ...a, paragraphs: out };
  }
  // Always moved: the first two sentences' paragraph break toggled.
  return { ...a, paragraphs: a.paragraphs.length > 1 ? [a.paragraphs[0] + joiner + a.paragraphs[1], ...a.paragraphs.slice(2)] : [units[0][1], units.slice(1).map((u) => u[1]).join(joiner)] };
}

export function typos(a, r) {
  const misspell = (w, rr) => (/^[^\p{L}]*\p{L}+[^\p{L}]*$/u.test(w) ? typo(w, rr) : innerTypo(w, rr));
  return { ...a, paragraphs: withTypos(a.paragraphs, 1 / 50, r, misspell) };
}

/** Quotation marks and dashes in another style. */
export function quotes(a, r) {
  const style = r.pick(['straight', 'curly', 'guillemets']);
  const dash = r.pick(['-', '–', '—']);
  const restyle = (p) => {
    let open = true;
    let s = p.replace(/["“”«»„]/g, () => {
      const q = style === 'straight' ? '"' : style === 'curly' ? (open ? '“' : '”') : open ? '«' : '»';
      open = !open;
      return q;
    });
    s = s.replace(/[‘’]/g, "'");
    if (style !== 'straight') s = s.replace(/(\p{L})'(\p{L})/gu, '$1’$2');
    return s.replace(/ [-–—] /g, ` ${dash} `);
  };
  return { ...a, paragraphs: a.paragraphs.map(restyle), title: restyle(a.title), style: `${style}, dash ${dash}` };
}

const HAMZA_ALEF = /[أإآٱ]/g;
const HARAKAT = /[\u064B-\u0652\u0670]/g;
// Letters that join to the next one: tatweel goes after them.
const JOINING = /[بتثجحخسشصضطظعغفقكلمنهيئ]/;

/** Arabic spelling variants; which ones is drawn per copy (at least one that changes the text). */
export function arOrthography(a, r) {
  const all = ['bare-alef', 'ya', 'tatweel', 'harakat'];
  for (let attempt = 0; attempt < 4; attempt++) {
    const pick = r.shuffle(all.slice()).slice(0, 1 + r.int(3));
    const yaToMaqsura = r() < 0.5;
    const edit = (p) => {
      let s = p;
      if (pick.includes('bare-alef')) s = s.replace(HAMZA_ALEF, 'ا');
      if (pick.includes('ya')) s = yaToMaqsura ? s.replace(/ي(?=[\s.,،؛:!?؟»"')]|$)/g, 'ى') : s.replace(/ى/g, 'ي');
      if (pick.includes('harakat') && HARAKAT.test(s)) s = s.replace(HARAKAT, '');
      else if (pick.includes('harakat')) {
        s = s.replace(/[\u0621-\u064A]{3,}/g, (w) => {
          if (r() >= 0.15) return w;
          const i = r.int(w.length - 1);
          return w.slice(0, i + 1) + r.pick(['\u064E', '\u064F', '\u0650', '\u0651', '\u0652']) + w.slice(i + 1);
        });
      }
      if (pick.includes('tatweel')) {
        s = s.replace(/[\u0621-\u064A]{4,}/g, (w) => {
          if (r() >= 0.08) return w;
          for (let i = 1; i < w.length - 1; i++) if (JOINING.test(w[i])) return w.slice(0, i + 1) + 'ـ'.repeat(1 + r.int(2)) + w.slice(i + 1);
          return w;
        });
      }
      return s;
    };
    const paragraphs = a.paragraphs.map(edit);
    if (paragraphs.join('\n') !== a.paragraphs.join('\n')) return { ...a, paragraphs, variants: pick.join('+') };
  }
  return { ...a, variants: 'none' };
}

const DIGITS = {
  western: '0123456789',
  'arabic-indic': '٠١٢٣٤٥٦٧٨٩',
  'extended-arabic-indic': '۰۱۲۳۴۵۶۷۸۹',
};

/** Whether a text has digits to change. */
export const hasDigits = (paragraphs) => /[0-9٠-٩۰-۹]/.test(paragraphs.join(' '));

/** Western digits to Arabic-Indic (a fifth of the time Extended Arabic-Indic), or back. */
export function digits(a, r) {
  const text = a.paragraphs.join(' ');
  const western = (text.match(/[0-9]/g) ?? []).length;
  const eastern = (text.match(/[٠-٩۰-۹]/g) ?? []).length;
  const to = western >= eastern ? (r() < 0.8 ? 'arabic-indic' : 'extended-arabic-indic') : 'western';
  const map = DIGITS[to];
  const conv = (p) => p.replace(/[0-9٠-٩۰-۹]/g, (d) => {
    for (const set of Object.values(DIGITS)) {
      const i = set.indexOf(d);
      if (i >= 0) return map[i];
    }
    return d;
  });
  return { ...a, paragraphs: a.paragraphs.map(conv), title: conv(a.title), variants: to };
}

/**
 * A brief made from an article: its first paragraphs up to `maxWords` words, the last one cut at a
 * sentence end when it would go over (at least `minWords` when the text allows).
 */
export function brief(paragraphs, countWords, minWords, maxWords) {
  const out = [];
  let n = 0;
  for (const p of paragraphs) {
    const w = countWords(p);
    if (n + w <= maxWords) {
      out.push(p);
      n += w;
      continue;
    }
    if (n < minWords) {
      const part = [];
      for (const s of sentences(p)) {
        const sw = countWords(s);
        if (n + sw > maxWords && n >= minWords) break;
        part.push(s);
        n += sw;
      }
      out.push(part.join(' '));
    }
    break;
  }
  return out;
}
