import { describe, expect, it } from 'vitest';
import { NFKC_STABLE, SCRIPT_FOLDS, TYPOGRAPHY_PATTERNS, isNfkcStableUnit, normalizeText } from '../../../src/text/normalize.js';
import { tokenize } from '../../../src/text/tokens.js';
import { hashString } from '../../../src/text/hash.js';
import { TOKEN_SEED, normalizedTokenHashes, overlap, shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { tokensHash64Hex } from '../../../src/text/hash.js';
import { keptTokens, lineSketch } from '../../../src/extract/templates.js';

describe('normalizeText: Arabic folds', () => {
  it('alef with hamza above or below, madda or wasla is bare alef', () => {
    expect(normalizeText('أحمد إبراهيم آمن ٱلكتاب')).toBe('احمد ابراهيم امن الكتاب');
    // The same letters written as alef + combining mark: NFKC composes them first.
    expect(normalizeText('\u0627\u0654\u0627\u0655\u0627\u0653')).toBe('ااا');
  });
  it('alef maqsura, Persian yeh and keheh are ya and kaf', () => {
    expect(normalizeText('على مستوى')).toBe('علي مستوي');
    expect(normalizeText('\u06a9\u062a\u0627\u0628 \u0641\u06cc')).toBe('كتاب في');
  });
  it('teh marbuta is heh', () => {
    expect(normalizeText('القاهرة')).toBe(normalizeText('القاهره'));
    expect(normalizeText('القاهرة')).toBe('القاهره');
  });
  it('removes tatweel', () => {
    expect(normalizeText('الســـلام')).toBe('السلام');
    expect(normalizeText('كلمة ـــ كلمة')).toBe('كلمه كلمه');
  });
  it('removes harakat, the superscript alef and Quranic marks', () => {
    expect(normalizeText('مُحَمَّدٌ')).toBe('محمد');
    expect(normalizeText('وقتاً كتابٍ سلامٌ')).toBe('وقتا كتاب سلام');
    expect(normalizeText('هٰذا')).toBe('هذا');
    expect(normalizeText('ٱلرَّحِيمِ ۝ عَلِيمٌۖ')).toBe('الرحيم عليم');
  });
  it('makes Arabic-Indic and Persian digits ASCII', () => {
    expect(normalizeText('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
    expect(tokenize(normalizeText('٤٫٥ مليون عام ٢٠٢٤'))).toEqual(tokenize(normalizeText('4.5 مليون عام 2024')));
  });
  it('removes bidirectional marks, which split words', () => {
    expect(normalizeText('و\u200fاتباع')).toBe('واتباع');
    expect(normalizeText('\u202bنص\u202c \u061cكلمة')).toBe('نص كلمه');
  });
  it('keeps hamza on waw and yeh, bare hamza and Arabic punctuation as they are', () => {
    // ؤ and ئ tell different words apart (بؤر foci, بئر well); see the README, "Normalisation".
    expect(normalizeText('مسؤول مسئول شيء بئر بؤر')).toBe('مسؤول مسئول شيء بئر بؤر');
    expect(normalizeText('نعم، لا؛ لماذا؟')).toBe('نعم، لا؛ لماذا؟');
    expect(tokenize(normalizeText('نعم، لا؛ لماذا؟'))).toEqual(tokenize(normalizeText('نعم, لا; لماذا?')));
  });
});

describe('normalizeText: Cyrillic folds', () => {
  it('ё and Ё are е', () => {
    expect(normalizeText('Ёлка ещё её')).toBe('елка еще ее');
    expect(normalizeText('ЁЖИК')).toBe('ежик');
    // е + combining diaeresis: NFKC makes it ё, then е.
    expect(normalizeText('е\u0308ж')).toBe('еж');
  });
  it('keeps й, ї and other letters with diacritics', () => {
    expect(normalizeText('Йод, Її')).toBe('йод, її');
  });
});

describe('normalizeText fast paths agree with the full path on random strings', () => {
  // Full path: a trailing no-break space makes the text neither plain ASCII nor NFKC-stable (NFKC
  // makes it a space; trimmed). Then every fold is applied again, one character at a time, so a
  // fold the cheap pre-test lets through would show (the folds are idempotent).
  const fold = (t: string): string => Array.from(t, (c) => SCRIPT_FOLDS[c] ?? c).join('');
  const full = (t: string): string => fold(normalizeText(t + '\u00a0')).replace(/\s+/gu, ' ').trim();

  // Deterministic PRNG (mulberry32), so a failure is reproducible.
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const chars = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  const ascii = [...chars(0x20, 0x7e), '\t', '\n'];
  const stable = ascii.concat(['é', 'Ñ', 'ß', 'Ł', 'ž', 'İ', 'ı', '\u2013', '\u2014', '\u2018', '\u2019', '\u201c', '\u201d', '«', '»', '°']);
  const mixed = stable.concat(
    chars(0x0600, 0x06ff), // the whole Arabic block: letters, marks, digits, punctuation
    chars(0x0400, 0x045f), // Cyrillic, Ё and ё among them
    ['е\u0308', 'ا\u0654', '\ufef7', '\ufb90', 'ﬁ', 'Ａ', '１', '\u00a0', '\u00ad', '\u200b', '\u200c', '\u200f', '\u202b', '\u2066', '`', '\u2212', 'İ', 'Σ', 'ς', '東'],
  );
  const random = (next: () => number, alphabet: readonly string[], n: number): string =>
    Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');

  it('on plain ASCII', () => {
    const next = rng(1);
    for (let i = 0; i < 500; i++) {
      const t = random(next, ascii, 1 + Math.floor(next() * 60));
      expect(normalizeText(t), JSON.stringify(t)).toBe(full(t));
    }
  });
  it('on NFKC-stable text', () => {
    const next = rng(2);
    for (let i = 0; i < 500; i++) {
      const t = random(next, stable, 1 + Math.floor(next() * 60));
      expect(NFKC_STABLE.test(t)).toBe(true);
      expect(normalizeText(t), JSON.stringify(t)).toBe(full(t));
    }
  });
  it('on text in any of the folded scripts, with or without a foldable character', () => {
    const next = rng(3);
    for (let i = 0; i < 3000; i++) {
      const t = random(next, mixed, 1 + Math.floor(next() * 40));
      expect(normalizeText(t), JSON.stringify(t)).toBe(full(t));
    }
  });
  it('every fold maps to a character that no fold changes', () => {
    for (const [from, to] of Object.entries(SCRIPT_FOLDS)) {
      expect(from).toHaveLength(1);
      expect(to.length).toBeLessThanOrEqual(1);
      expect(SCRIPT_FOLDS[to], `U+${from.charCodeAt(0).toString(16)}`).toBeUndefined();
    }
  });
});

describe('the same article spelled two ways matches exactly', () => {
  // Every path from text to tokens: the scan (line sketches, then tokens of the kept lines and their
  // content hash), check and the index (tokenHashes of the whole text), and template line keys.
  function sketchOf(text: string): { shingles: Uint32Array; content: string; lineKeys: number[] } {
    const sketch = lineSketch(text);
    const tokens = keptTokens(sketch, null);
    expect(Array.from(tokens)).toEqual(Array.from(tokenHashes(text)));
    return { shingles: shingleSet(tokens, 5), content: tokensHash64Hex(tokens), lineKeys: Array.from(sketch.keys) };
  }
  const rawWords = (t: string): Set<string> => new Set(t.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu));
  const sharedWords = (a: string, b: string): number => {
    const x = rawWords(a);
    const y = rawWords(b);
    return [...x].filter((w) => y.has(w)).length / Math.max(x.size, y.size);
  };

  it('Arabic: hamza-alef forms, harakat, tatweel, alef maqsura and Arabic-Indic digits against plain spelling', () => {
    // From fixtures/encodings/arabic-windows-1256.txt. The first copy as a careful desk writes it:
    // أ إ آ, harakat and shadda, tanwin, a stretched word (الأمـــواج, الخريـف), على, ٤٫٥ and ٢٠٢٤.
    const decorated =
      'أَعْلَنَتْ هيئةُ الميناء يوم الثُّلاثاء أنَّ أعمال إصلاح حاجز الأمـــواج الشرقي ستستغرق وقتاً أطول ممّا كان مخطّطاً له، ' +
      'بعد أن جرفت العواصف في شهر آذار جزءاً من الطريق المؤقّت الذي يستخدمه المقاولون.\n\n' +
      'ويتوقّع المهندسون الآن أن تنتهي الأعمال في أواخر الخريـف، بتكلفة تزيد بنحو الثلث على التقدير الأصلي البالغ ٤٫٥ مليون دينار لعام ٢٠٢٤.';
    // The second as a quick keyboard copy: bare alef, no marks, final ى typed ي, Western digits.
    const plain =
      'اعلنت هيئة الميناء يوم الثلاثاء ان اعمال اصلاح حاجز الامواج الشرقي ستستغرق وقتا اطول مما كان مخططا له، ' +
      'بعد ان جرفت العواصف في شهر اذار جزءا من الطريق المؤقت الذي يستخدمه المقاولون.\n\n' +
      'ويتوقع المهندسون الان ان تنتهي الاعمال في اواخر الخريف، بتكلفة تزيد بنحو الثلث علي التقدير الاصلي البالغ 4.5 مليون دينار لعام 2024.';
    expect(sharedWords(decorated, plain)).toBeLessThan(0.6); // without the folds they are far apart
    const a = sketchOf(decorated);
    const b = sketchOf(plain);
    expect(a.shingles.length).toBeGreaterThan(40);
    expect(overlap(a.shingles, b.shingles).jaccard).toBe(1);
    expect(a.content).toBe(b.content);
  });

  it('Arabic: teh marbuta typed as heh, Persian yeh and keheh', () => {
    const standard = 'وقالت المتحدثة باسم الهيئة إن السلامة تبقى الأولوية الأولى، وإن فرق الغوص ستفحص الأساسات كل أسبوعين حتى اكتمال المشروع.';
    const typed = 'وقالت المتحدثه باسم الهيئه إن السلامه تبقی الأولويه الأولی، وإن فرق الغوص ستفحص الأساسات کل أسبوعين حتی اکتمال المشروع.';
    expect(overlap(sketchOf(standard).shingles, sketchOf(typed).shingles).jaccard).toBe(1);
  });

  it('Russian: ё against е', () => {
    // From fixtures/encodings/russian-windows-1251.txt.
    const withYo =
      'Портовое управление во вторник сообщило, что ремонт восточного волнолома займёт больше времени, чем планировалось.\n' +
      '«Безопасность остаётся для нас главным приоритетом», — заявила представитель управления. По её словам, водолазы ' +
      'будут проверять основание мола каждые две недели. ЁМКОСТЬ ДАМБЫ ЕЩЁ НЕ ИЗМЕРЕНА, а её ремонт идёт.';
    const withE = withYo.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
    expect(withE).not.toBe(withYo);
    const a = sketchOf(withYo);
    const b = sketchOf(withE);
    expect(overlap(a.shingles, b.shingles).jaccard).toBe(1);
    expect(a.content).toBe(b.content);
    expect(a.lineKeys).toEqual(b.lineKeys);
  });

});

describe('normalizeText and token hashes: the char-code scans give what the patterns give', () => {
  // The regular-expression form normalizeText had; its scans must agree on every BMP code unit.
  const byPatterns = (text: string): string => {
    const { INVISIBLE, QUOTES, DOUBLE_QUOTES, DASHES } = TYPOGRAPHY_PATTERNS;
    const stable = NFKC_STABLE.test(text);
    let t = (stable ? text : text.normalize('NFKC')).replace(INVISIBLE, '').replace(QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-').toLowerCase();
    if (!stable && /[\u0451\u0610-\u06f9]/.test(t)) t = t.replace(new RegExp(`[${Object.keys(SCRIPT_FOLDS).join('')}]`, 'g'), (c) => SCRIPT_FOLDS[c]!);
    return t.replace(/\s+/gu, ' ').trim();
  };

  it('every BMP code unit, alone and between words and spaces', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `A${ch} b  `, ` ${ch}${ch}x\u2019 `, `${ch}é`]) {
        if (normalizeText(s) !== byPatterns(s)) expect([c.toString(16), normalizeText(s)]).toEqual([c.toString(16), byPatterns(s)]);
      }
    }
  });

  it('ASCII token hashes are the hashes of the ASCII token pattern', () => {
    for (const s of ["it's a ''x'' 'y' don't'' a'b'c 'a' '' ' x'", "a' 'a x''y", 'a\u0000b\u007fc 1,000 e_f-g', "don't-stop u.s. 3'4"]) {
      const expected = Uint32Array.from(s.match(/[a-z0-9]+(?:'[a-z0-9]+)*/g) ?? [], (t) => hashString(t, TOKEN_SEED));
      expect(normalizedTokenHashes(s)).toEqual(expected);
      expect(normalizedTokenHashes(s).length).toBe(tokenize(s).length);
    }
  });
});

describe('NFKC-stable characters', () => {
  it('isNfkcStableUnit is NFKC_STABLE for every BMP code unit', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (isNfkcStableUnit(c) !== NFKC_STABLE.test(String.fromCharCode(c))) expect(c.toString(16)).toBe('agreeing');
    }
  });

  it('a character whose lower case is NFKC-stable has that lower case after NFKC too (markers.ts keys rely on it)', () => {
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const ch = String.fromCodePoint(cp);
      const lower = ch.toLowerCase();
      if (!NFKC_STABLE.test(lower)) continue;
      if (ch.normalize('NFKC').toLowerCase() !== lower) expect(cp.toString(16)).toBe('folding the same');
    }
  });
});
