/**
 * Dateline parsing: the date forms news pages print, to an ISO calendar date, keeping the form
 * as printed. Month and weekday names in English, Arabic (Egyptian/Gulf, Levantine and Maghrebi
 * month names), Russian and Ukrainian (nominative and genitive), French, Spanish and German;
 * Western, Arabic-Indic (٠-٩), Persian (۰-۹) and full-width digits; day-first, month-first and
 * year-first orders.
 *
 * Numeric dates whose day and month could be swapped (03/04/2025) follow the order the caller
 * gives. Without one they are read day-first when the string is not English (it has letters
 * outside ASCII, Arabic-Indic digits, or a non-English dateline word: "Publié le", "Stand"), and
 * are skipped in an English string, which may be en-US (month first) or not. 31/05/2025 and
 * 05/31/2025 are unambiguous either way, and so is 03/03/2025. Dotted dates (03.02.2026) are
 * always day-first, year-first dates (2026-02-03, 2026/02/03, 2026.02.03) always
 * year-month-day.
 */

export interface ParsedDate {
  /** YYYY-MM-DD */
  iso: string;
  /** The date as printed on the page. */
  printed: string;
}

/** How to read a numeric date whose day and month could be swapped. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * A caller's date order, or a function that gives it: a page's order (dateOrderOf) costs a scan of
 * its text, and only a numeric date whose day and month could be swapped needs it, so a caller
 * may pass the scan and have it run on the first such date only.
 */
export type DateOrderHint = DateOrder | null | (() => DateOrder | null);

/** Month names per language, January first; each entry lists the forms of one month. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  // English
  ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
  ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
  // French
  ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
  ['juillet', 'juil'], ['août', 'aout'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'decembre', 'déc'],
  // Spanish
  ['enero', 'ene'], ['febrero'], ['marzo'], ['abril', 'abr'], ['mayo'], ['junio'],
  ['julio'], ['agosto', 'ago'], ['septiembre', 'setiembre', 'set'], ['octubre'], ['noviembre'], ['diciembre', 'dic'],
  // German
  ['januar', 'jänner', 'jaenner', 'jän'], ['februar', 'feber'], ['märz', 'maerz', 'mär'], ['april'], ['mai'], ['juni'],
  ['juli'], ['august'], ['september'], ['oktober', 'okt'], ['november'], ['dezember', 'dez'],
  // Russian: nominative, genitive ("3 февраля 2026"), abbreviations
  ['январь', 'января', 'янв'], ['февраль', 'февраля', 'февр', 'фев'], ['март', 'марта', 'мар'], ['апрель', 'апреля', 'апр'],
  ['май', 'мая'], ['июнь', 'июня', 'июн'], ['июль', 'июля', 'июл'], ['август', 'августа', 'авг'],
  ['сентябрь', 'сентября', 'сент', 'сен'], ['октябрь', 'октября', 'окт'], ['ноябрь', 'ноября', 'нояб', 'ноя'], ['декабрь', 'декабря', 'дек'],
  // Ukrainian: nominative, genitive ("3 лютого 2026"), abbreviations
  ['січень', 'січня', 'січ'], ['лютий', 'лютого', 'лют'], ['березень', 'березня', 'бер'], ['квітень', 'квітня', 'квіт'],
  ['травень', 'травня', 'трав'], ['червень', 'червня', 'черв'], ['липень', 'липня', 'лип'], ['серпень', 'серпня', 'серп'],
  ['вересень', 'вересня', 'вер'], ['жовтень', 'жовтня', 'жовт'], ['листопад', 'листопада', 'лист'], ['грудень', 'грудня', 'груд'],
  // Arabic, Egyptian and Gulf forms (with common spellings)
  ['يناير'], ['فبراير'], ['مارس'], ['أبريل', 'ابريل', 'إبريل'], ['مايو'], ['يونيو', 'يونيه'],
  ['يوليو', 'يوليه'], ['أغسطس', 'اغسطس'], ['سبتمبر'], ['أكتوبر', 'اكتوبر'], ['نوفمبر'], ['ديسمبر'],
  // Arabic, Levantine and Iraqi forms
  ['كانون الثاني'], ['شباط'], ['آذار', 'اذار'], ['نيسان'], ['أيار', 'ايار'], ['حزيران'],
  ['تموز'], ['آب', 'اب'], ['أيلول', 'ايلول'], ['تشرين الأول', 'تشرين الاول'], ['تشرين الثاني'], ['كانون الأول', 'كانون الاول'],
  // Arabic, Maghrebi forms (Algeria and Tunisia; Morocco)
  ['جانفي'], ['فيفري'], ['مارس'], ['أفريل', 'افريل'], ['ماي'], ['جوان'],
  ['جويلية', 'يوليوز'], ['أوت', 'اوت', 'غشت'], ['شتنبر'], ['أكتوبر'], ['نونبر'], ['دجنبر'],
];

const WEEKDAY_NAMES: readonly string[] = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'понедельник', 'вторник', 'среда', 'среду', 'четверг', 'пятница', 'пятницу', 'суббота', 'субботу', 'воскресенье',
  'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс',
  'понеділок', 'вівторок', 'середа', 'середу', 'четвер', "п'ятниця", "п'ятницю", 'пʼятниця', 'пʼятницю', 'субота', 'суботу', 'неділя', 'неділю',
  'الأحد', 'الاحد', 'الاثنين', 'الإثنين', 'الاتنين', 'الثلاثاء', 'الأربعاء', 'الاربعاء', 'الخميس', 'الجمعة', 'السبت',
];

/** Words a dateline may carry beside its date ("Published:", "آخر تحديث", "г.", "Uhr"), normalised by key(). */
const DATELINE_WORDS = new Set(
  [
    // English
    'published', 'updated', 'posted', 'last', 'modified', 'on', 'at', 'am', 'pm', 'a.m.', 'p.m.', 'gmt', 'utc', 'bst', 'cet', 'cest',
    'est', 'edt', 'pst', 'pdt', 'ist', 'msk', 'eet', 'eest',
    // French
    'publié', 'publie', 'mis', 'à', 'a', 'jour', 'le', 'modifié', 'h',
    // Spanish
    'publicado', 'actualizado', 'el', 'de', 'del', 'a', 'las', 'hrs', 'hs', 'h.',
    // German
    'veröffentlicht', 'aktualisiert', 'am', 'um', 'uhr', 'stand', 'zuletzt', 'mez', 'mesz',
    // Russian
    'опубликовано', 'обновлено', 'изменено', 'дата', 'публикации', 'в', 'г', 'г.', 'года', 'год', 'мск', 'обновлено:',
    // Ukrainian
    'опубліковано', 'оновлено', 'о', 'об', 'р', 'р.', 'року', 'рік', 'київ', 'за', 'київським', 'часом',
    // Arabic
    'نشر', 'نشرت', 'نشر في', 'تاريخ', 'النشر', 'اخر', 'تحديث', 'التحديث', 'في', 'الساعة', 'ساعة', 'بتوقيت', 'غرينتش', 'غرينيتش',
    'مكة', 'المكرمة', 'القدس', 'بيروت', 'القاهرة', 'ص', 'م', 'صباحا', 'مساء', 'الموافق', 'يوم', 'هـ', 'ه', 'هجري', 'ميلادي',
  ].map((w) => key(w)),
);

/** The Hijri date Arabic pages print beside the Gregorian one: "15 شعبان 1447 هـ". */
const HIJRI =
  /(?<![\p{L}\p{N}])\d{1,2}\s+(?:محرم|صفر|ربيع\s+(?:الأول|الاول|الآخر|الاخر|الثاني)|جمادى\s+(?:الأولى|الاولى|الأول|الآخرة|الاخرة|الثانية)|رجب|شعبان|رمضان|شوال|ذو\s+القعدة|ذي\s+القعدة|ذو\s+الحجة|ذي\s+الحجة)\s+\d{4}(?:\s*هـ?)?(?![\p{L}\p{N}])/gu;

/** Lookup key of a name or word: lower case, Arabic alef and ya forms and Cyrillic ё folded, diacritics kept. */
function key(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ё/g, 'е')
    .replace(/[’ʼ`]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\.$/, '')
    .trim();
}

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => names.forEach((n) => MONTHS.set(key(n), (i % 12) + 1)));

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex alternative for a name: spacing, Arabic alef/ya spellings and ё/е all accepted. */
function nameRe(name: string): string {
  return escapeRe(name.normalize('NFC'))
    .replace(/[اأإآ]/g, '[اأإآ]')
    .replace(/[يى]/g, '[يى]')
    .replace(/[её]/g, '[её]')
    .replace(/'/g, "['’ʼ]")
    .replace(/ /g, '\\s+');
}

function alternation(names: Iterable<string>): string {
  return [...new Set(names)]
    .sort((a, b) => b.length - a.length)
    .map(nameRe)
    .join('|');
}

const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
/** A month name, captured; an abbreviation may carry a full stop. */
const MONTH = `(${alternation(MONTH_NAMES.flat())})${R}\\.?`;
/** A second month name in brackets or after a slash: "3 شباط/فبراير 2026", "3 شباط (فبراير) 2026". */
const MONTH_ALSO = `(?:\\s*[/(（-]\\s*(?:${alternation(MONTH_NAMES.flat())})${R}\\.?\\s*[)）]?)?`;
const WEEKDAY = `(?:(?:يوم\\s+)?(?:${alternation(WEEKDAY_NAMES)})${R}\\.?\\s*[,،]?\\s+)?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|\\.)?';
const YEAR = '(\\d{4})(?!\\d)';

type Ymd = [number, number, number];

interface Pattern {
  re: RegExp;
  /** `order` is asked for only when the date's day and month could be swapped. */
  pick: (m: RegExpExecArray, order: () => DateOrder | null) => Ymd | null;
}

const month = (s: string): number => MONTHS.get(key(s)) ?? 0;

/** Day and month of a numeric date that could be either way round. */
function dayMonth(a: number, b: number, order: () => DateOrder | null): [number, number] | null {
  if (a > 12 && b <= 12) return [a, b];
  if (b > 12 && a <= 12) return [b, a];
  if (a === b) return [a, b];
  const o = order();
  if (o === 'dmy') return [a, b];
  if (o === 'mdy') return [b, a];
  return null;
}

const PATTERNS: Pattern[] = [
  // Tuesday, Feb 03, 2026 / May 31, 2025 / Sept. 14, 2025
  {
    re: new RegExp(`${L}${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?${R},?\\s+${YEAR}`, 'iu'),
    pick: (m) => [+m[3]!, month(m[1]!), +m[2]!],
  },
  // Saturday 31 May 2025 / 31st May, 2025 / 3 февраля 2026 г. / 3. Februar 2026 / 3 de febrero de 2026 /
  // الثلاثاء، 3 شباط (فبراير) 2026
  {
    re: new RegExp(`${L}${WEEKDAY}${DAY}\\s*(?:de\\s+|of\\s+)?${MONTH}${MONTH_ALSO},?\\s+(?:de\\s+|del\\s+)?${YEAR}`, 'iu'),
    pick: (m) => [+m[3]!, month(m[2]!), +m[1]!],
  },
  // 2025-05-31, 2025/05/31, 2025.05.31, 2025-05-31T10:00:00Z
  { re: new RegExp(`${L}(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?!\\d)`, 'u'), pick: (m) => [+m[1]!, +m[3]!, +m[4]!] },
  // 31.05.2025 (day first, as printed across Europe)
  { re: new RegExp(`${L}(\\d{1,2})\\.(\\d{1,2})\\.${YEAR}`, 'u'), pick: (m) => [+m[3]!, +m[2]!, +m[1]!] },
  // 31/05/2025, 05/31/2025, 31-05-2025: see dayMonth for the ambiguous ones
  {
    re: new RegExp(`${L}(\\d{1,2})([/-])(\\d{1,2})\\2${YEAR}`, 'u'),
    pick: (m, order) => {
      const dm = dayMonth(+m[1]!, +m[3]!, order);
      return dm === null ? null : [+m[4]!, dm[1], dm[0]];
    },
  },
];

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Arabic-Indic, Persian and full-width digits to ASCII, one character for one (offsets kept). */
function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (c) => {
    const cp = c.codePointAt(0)!;
    const base = cp >= 0xff10 ? 0xff10 : cp >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(cp - base);
  });
}

/** Whether a UTF-16 code unit is a digit asciiDigits() reads: ASCII, Arabic-Indic, Persian or full-width. */
function isDigitUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9) || (c >= 0xff10 && c <= 0xff19);
}

/**
 * Whether a string has four digits in a row (a year) and a run of one or two digits alone (a day
 * or a month): every pattern of PATTERNS needs both, each digit run of its day and month being
 * whole (bounded by a letter, a space, a separator or the lookbehind). A line with only a year in
 * it ("since 1894", "© 2026") skips the patterns.
 */
function mayHoldDate(s: string): boolean {
  let run = 0;
  let year = false;
  let short = false;
  for (let i = 0, n = s.length; i <= n; i++) {
    if (i < n && isDigitUnit(s.charCodeAt(i))) {
      run++;
      continue;
    }
    if (run >= 4) year = true;
    else if (run > 0) short = true;
    if (year && short) return true;
    run = 0;
  }
  return false;
}

/** Words that mark a dateline as not English, so an ambiguous numeric date in it reads day first. */
const NOT_ENGLISH = /(?<![\p{L}])(?:le|el|um|stand|publicado|actualizado|aktualisiert)(?![\p{L}])|[^\x00-\x7F\s\p{P}\p{S}]/iu;

/**
 * The first date in a string, if any. `order` settles numeric dates whose day and month could be
 * swapped (see the file's comment for what happens without it).
 */
export function findDate(text: string, order?: DateOrderHint): (ParsedDate & { index: number; length: number }) | null {
  if (!mayHoldDate(text)) return null;
  const s = asciiDigits(text);
  let known = false;
  let resolved: DateOrder | null = null;
  const numericOrder = (): DateOrder | null => {
    if (!known) {
      known = true;
      resolved = (typeof order === 'function' ? order() : order) ?? (NOT_ENGLISH.test(text) ? 'dmy' : null);
    }
    return resolved;
  };
  let best: (ParsedDate & { index: number; length: number }) | null = null;
  for (const p of PATTERNS) {
    const m = p.re.exec(s);
    if (m === null) continue;
    const ymd = p.pick(m, numericOrder);
    if (ymd === null || !validDate(...ymd)) continue;
    if (best === null || m.index < best.index) {
      const printed = text.slice(m.index, m.index + m[0].length);
      const lead = printed.length - printed.trimStart().length;
      best = { iso: `${pad(ymd[0], 4)}-${pad(ymd[1])}-${pad(ymd[2])}`, printed: printed.trim(), index: m.index + lead, length: printed.trim().length };
      // A date at the very start is the first: no later pattern can start before it.
      if (best.index === 0) break;
    }
  }
  return best;
}

const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'on', 'by', 'it', 'as']);
const OTHER_LATIN_WORDS = new Set([
  'le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'au', 'el', 'los', 'las', 'del', 'y', 'que',
  'por', 'con', 'una', 'es', 'der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'dem', 'ein', 'eine', 'auf', 'für', 'von', 'zu',
]);

/**
 * The numeric date order of a page's text: day first when it is not written in English (mostly
 * letters outside the Latin script, or French, Spanish or German function words outnumbering
 * English ones); null for English, which may be en-US (month first) or not.
 */
export function dateOrderOf(text: string): DateOrder | null {
  // Code-point loops over a lazily filled class table, not /\p{L}/gu matches and a split: this runs
  // on every page, and the regular expressions, an array entry per letter, were a third of the
  // extraction worker's time on plain-text news. The counts and words are those the patterns gave.
  const sample = text.slice(0, 20_000);
  // Lower case changes the length of one character only, İ (to i and a combining dot, which ends
  // a word there): without it the words of the lower-cased sample are the sample's words, lower
  // cased, and one scan of the sample counts letters and function words together.
  if (sample.indexOf('\u0130') >= 0) return dateOrderByTwoScans(sample);
  let latin = 0;
  let letters = 0;
  let en = 0;
  let other = 0;
  const n = sample.length;
  // One word a turn: the maximal run of letters from i (maybe empty), then the character that
  // ends it. Only short words can be function words; a run of ASCII letters is looked up by a
  // number made from its first (lower-cased) letters, without a substring.
  let i = 0;
  while (i < n) {
    const start = i;
    let asciiKey = 0;
    let ascii = true;
    // Where the word ends, and where the next one may start (past a surrogate pair).
    let end = n;
    let next = n;
    while (i < n) {
      const u = sample.charCodeAt(i);
      if (u < 0x80) {
        if (!isAsciiLetter(u)) {
          end = i;
          next = i + 1;
          break;
        }
        letters++;
        latin++;
        if (i - start < FUNCTION_WORD_MAX) asciiKey = asciiKey * 32 + (u & 0x1f);
        i++;
        continue;
      }
      const cp = sample.codePointAt(i)!;
      const c = charClass(cp);
      const width = cp > 0xffff ? 2 : 1;
      if (c & LATIN) latin++;
      if ((c & LETTER) === 0) {
        end = i;
        next = i + width;
        break;
      }
      letters++;
      ascii = false;
      i += width;
    }
    const length = end - start;
    if (length > 0 && length <= FUNCTION_WORD_MAX) {
      const kind = ascii ? asciiFunctionWord(asciiKey) : functionWordKind(sample.slice(start, end).toLowerCase());
      if (kind === 'en') en++;
      else if (kind === 'other') other++;
    }
    i = next;
  }
  return letters - latin > latin || other > en ? 'dmy' : null;
}

/** dateOrderOf() of a sample holding İ: letters counted in the sample, words in its lower-case form. */
function dateOrderByTwoScans(sample: string): DateOrder | null {
  let latin = 0;
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const u = sample.charCodeAt(i);
    if (u < 0x80) {
      if (isAsciiLetter(u)) {
        letters++;
        latin++;
      }
      continue;
    }
    const cp = sample.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const c = charClass(cp);
    if (c & LETTER) letters++;
    if (c & LATIN) latin++;
  }
  if (letters - latin > latin) return 'dmy';
  let en = 0;
  let other = 0;
  const lower = sample.toLowerCase();
  let start = 0;
  let asciiKey = 0;
  let ascii = true;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length) {
      const u = lower.charCodeAt(i);
      if (u < 0x80) {
        if (isAsciiLetter(u)) {
          if (i - start < FUNCTION_WORD_MAX) asciiKey = asciiKey * 32 + (u & 0x1f);
          continue;
        }
      } else {
        const cp = lower.codePointAt(i)!;
        if (charClass(cp) & LETTER) {
          ascii = false;
          if (cp > 0xffff) i++;
          continue;
        }
      }
    }
    const length = i - start;
    if (length > 0 && length <= FUNCTION_WORD_MAX) {
      const kind = ascii ? ASCII_FUNCTION_WORDS.get(asciiKey) : functionWordKind(lower.slice(start, i));
      if (kind === 'en') en++;
      else if (kind === 'other') other++;
    }
    start = i + 1;
    asciiKey = 0;
    ascii = true;
  }
  return other > en ? 'dmy' : null;
}

const functionWordKind = (w: string): 'en' | 'other' | undefined => (ENGLISH_WORDS.has(w) ? 'en' : OTHER_LATIN_WORDS.has(w) ? 'other' : undefined);
/** The function words spelt in ASCII letters, by the number dateOrderOf makes of a word (five bits a letter). */
const ASCII_FUNCTION_WORDS = new Map(
  [...ENGLISH_WORDS, ...OTHER_LATIN_WORDS]
    .filter((w) => /^[a-z]+$/.test(w))
    .map((w) => [[...w].reduce((key, ch) => key * 32 + (ch.charCodeAt(0) & 0x1f), 0), functionWordKind(w)!] as const),
);
/** Up to three letters the number is below 32³: those words, the most frequent, are looked up in a table. */
const SHORT_FUNCTION_WORDS: ReadonlyArray<'en' | 'other' | undefined> = (() => {
  const table: ('en' | 'other' | undefined)[] = new Array<'en' | 'other' | undefined>(32 ** 3).fill(undefined);
  for (const [key, kind] of ASCII_FUNCTION_WORDS) if (key < 32 ** 3) table[key] = kind;
  return table;
})();
const asciiFunctionWord = (key: number): 'en' | 'other' | undefined => (key < 32 ** 3 ? SHORT_FUNCTION_WORDS[key] : ASCII_FUNCTION_WORDS.get(key));
const FUNCTION_WORD_MAX = Math.max(...[...ENGLISH_WORDS, ...OTHER_LATIN_WORDS].map((w) => w.length));
const KNOWN = 1;
const LETTER = 2;
const LATIN = 4;
/** Per BMP code point: KNOWN once classified, LETTER for \p{L}, LATIN for \p{Script=Latin}. */
const BMP_CLASS = new Uint8Array(0x10000);

const isAsciiLetter = (u: number): boolean => ((u | 0x20) - 0x61) >>> 0 < 26;

function charClass(cp: number): number {
  if (cp < 0x80) return isAsciiLetter(cp) ? KNOWN | LETTER | LATIN : KNOWN;
  if (cp <= 0xffff && BMP_CLASS[cp] !== 0) return BMP_CLASS[cp]!;
  const ch = String.fromCodePoint(cp);
  const c = KNOWN | (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{Script=Latin}/u.test(ch) ? LATIN : 0);
  if (cp <= 0xffff) BMP_CLASS[cp] = c;
  return c;
}

const TIME = /^\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:h|ч|ص|م)?$/iu;

/**
 * A line that is a dateline: a date plus at most a few words of furniture around it
 * ("Published: May 31, 2025 10:30 GMT", "آخر تحديث: الثلاثاء 3 فبراير 2026 - 10:45 ص",
 * "3 февраля 2026 г., 14:20"), not a sentence that happens to mention a date.
 */
export function parseDateline(line: string, order?: DateOrderHint): ParsedDate | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return null;
  const found = findDate(trimmed, order);
  if (found === null) return null;
  const rest = asciiDigits(trimmed.slice(0, found.index) + ' ' + trimmed.slice(found.index + found.length)).replace(HIJRI, ' ');
  let words = 0;
  for (const raw of rest.split(/[\s,،|•·\-–—()（）/[\]]+/u)) {
    const w = raw.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
    if (w.length === 0 || TIME.test(w) || DATELINE_WORDS.has(key(w)) || DATELINE_WORDS.has(key(raw))) continue;
    if (++words > 2) return null;
  }
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
