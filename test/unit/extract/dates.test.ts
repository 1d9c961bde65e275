import { describe, expect, it } from 'vitest';
import { dateOrderOf, findDate, isoDateOf, parseDateline } from '../../../src/extract/dates.js';

describe('datelines', () => {
  it.each([
    ['Tuesday, Feb 03, 2026', '2026-02-03'],
    ['Saturday, May 31, 2025', '2025-05-31'],
    ['May 31, 2025', '2025-05-31'],
    ['Sept. 14, 2025', '2025-09-14'],
    ['31 May 2025', '2025-05-31'],
    ['Saturday 31st May, 2025', '2025-05-31'],
    ['2025-05-31', '2025-05-31'],
    ['31.05.2025', '2025-05-31'],
    ['31/05/2025', '2025-05-31'],
    ['05/31/2025', '2025-05-31'],
    ['Published: May 31, 2025 10:30 GMT', '2025-05-31'],
    ['Updated 2025-05-31 | 08:00', '2025-05-31'],
  ])('reads %s', (line, iso) => {
    expect(parseDateline(line)?.iso).toBe(iso);
  });

  it('keeps the date as printed', () => {
    expect(parseDateline('Tuesday, Feb 03, 2026')?.printed).toBe('Tuesday, Feb 03, 2026');
    expect(parseDateline('Published: May 31, 2025')?.printed).toBe('May 31, 2025');
  });

  it.each([
    ['03/04/2025'], // day and month could be either
    ['February 30, 2025'], // no such day
    ['The protest in Kazakhstan on January 2, 2022 was triggered by the rise in fuel prices.'],
    ['What really happened in Kazakhstan'],
  ])('rejects %s', (line) => {
    expect(parseDateline(line)).toBeNull();
  });

  it('finds a date inside running text', () => {
    expect(findDate('It happened on 5 January 2022 in Almaty')?.iso).toBe('2022-01-05');
  });

  it('reads machine timestamps as their calendar date', () => {
    expect(isoDateOf('2025-09-14T10:00:00+04:00')).toBe('2025-09-14');
    expect(isoDateOf('2025-06-02T08:30:00Z')).toBe('2025-06-02');
    expect(isoDateOf('Sun, 14 Sep 2025 06:00:00 GMT')).toBe('2025-09-14');
    expect(isoDateOf('not a date')).toBeNull();
  });
});

describe('machine dates in their other forms', () => {
  it('reads ISO 8601 basic format and a date in a URL', async () => {
    expect(isoDateOf('20180619T055000+0900')).toBe('2018-06-19');
    expect(isoDateOf('2025-09-14+04:00')).toBe('2025-09-14');
    const { dateInUrl } = await import('../../../src/extract/metadata.js');
    expect(dateInUrl('http://www.news.cn/fortune/2023-11/17/c_1129981476.htm')).toBe('2023-11-17');
    expect(dateInUrl('https://news.example/2014/12/27/council-budget')).toBe('2014-12-27');
    expect(dateInUrl('https://news.example/2014/13/27/x')).toBeNull();
    expect(dateInUrl(null)).toBeNull();
  });
});

describe('datelines in other languages and scripts', () => {
  it.each([
    // Arabic, Egyptian/Gulf month names; Arabic comma after the weekday; time and ص/م after the date
    ['الثلاثاء، 3 فبراير 2026', '2026-02-03'],
    ['الثلاثاء، 3 فبراير 2026 - 10:45 ص', '2026-02-03'],
    ['آخر تحديث: الثلاثاء 3 فبراير 2026', '2026-02-03'],
    ['يوم الخميس 3 إبريل 2025', '2025-04-03'],
    ['3 ابريل 2025', '2025-04-03'],
    ['30 يونيه 2025', '2025-06-30'],
    ['5 يوليو 2025', '2025-07-05'],
    ['12 أغسطس 2025', '2025-08-12'],
    ['1 ديسمبر 2025', '2025-12-01'],
    // Levantine month names, two-word ones and spellings without hamza
    ['3 كانون الثاني 2026', '2026-01-03'],
    ['الأربعاء ٤ شباط ٢٠٢٦', '2026-02-04'],
    ['7 آذار 2025', '2025-03-07'],
    ['7 اذار 2025', '2025-03-07'],
    ['20 نيسان 2025', '2025-04-20'],
    ['12 أيار 2025', '2025-05-12'],
    ['30 حزيران 2025', '2025-06-30'],
    ['14 تموز 2025', '2025-07-14'],
    ['1 آب 2025', '2025-08-01'],
    ['1 اب 2025', '2025-08-01'],
    ['9 أيلول 2025', '2025-09-09'],
    ['15 تشرين الأول 2025', '2025-10-15'],
    ['١٥ تشرين الثاني ٢٠٢٥', '2025-11-15'],
    ['1 كانون الأول 2025', '2025-12-01'],
    // both names, as Levantine and Iraqi papers print them; a Hijri date beside the Gregorian one
    ['3 شباط/فبراير 2026', '2026-02-03'],
    ['3 شباط (فبراير) 2026', '2026-02-03'],
    ['الخميس 17 شعبان 1447 هـ - 5 فبراير 2026 م', '2026-02-05'],
    // Maghrebi names; Persian digits
    ['5 جويلية 2025', '2025-07-05'],
    ['3 أوت 2025', '2025-08-03'],
    ['۳ فبراير ۲۰۲۶', '2026-02-03'],
    // Russian: genitive months, г./года, weekday, time, abbreviations
    ['3 февраля 2026', '2026-02-03'],
    ['3 февраля 2026 г., 14:20', '2026-02-03'],
    ['Среда, 4 февраля 2026 г.', '2026-02-04'],
    ['31 мая 2025 года', '2025-05-31'],
    ['Опубликовано: 1 сентября 2025, 08:00 мск', '2025-09-01'],
    ['3 янв. 2026', '2026-01-03'],
    ['3 Января 2026', '2026-01-03'],
    // Ukrainian
    ['3 лютого 2026 р.', '2026-02-03'],
    ['Вівторок, 3 лютого 2026', '2026-02-03'],
    ['14 жовтня 2025 року, 10:00', '2025-10-14'],
    ['28 листопада 2025', '2025-11-28'],
    // French, Spanish, German
    ['Publié le 3 février 2026 à 14h20', '2026-02-03'],
    ['mardi 3 février 2026', '2026-02-03'],
    ['1er mars 2025', '2025-03-01'],
    ['3 de febrero de 2026', '2026-02-03'],
    ['martes, 3 de febrero de 2026', '2026-02-03'],
    ['3. Februar 2026', '2026-02-03'],
    ['Dienstag, 3. Februar 2026, 14:20 Uhr', '2026-02-03'],
    ['3. März 2025', '2025-03-03'],
    ['Stand: 03.02.2026, 14:20 Uhr', '2026-02-03'],
    // numeric, year first
    ['2026/02/03', '2026-02-03'],
    ['2026.02.03', '2026-02-03'],
    ['٢٠٢٦/٠٢/٠٣', '2026-02-03'],
  ])('reads %s', (line, iso) => {
    expect(parseDateline(line)?.iso).toBe(iso);
  });

  it('keeps the date as printed, in its own digits', () => {
    expect(parseDateline('الأربعاء ٤ شباط ٢٠٢٦')?.printed).toBe('الأربعاء ٤ شباط ٢٠٢٦');
    expect(parseDateline('الثلاثاء، 3 فبراير 2026 - 10:45 ص')?.printed).toBe('الثلاثاء، 3 فبراير 2026');
    expect(parseDateline('Среда, 4 февраля 2026 г.')?.printed).toBe('Среда, 4 февраля 2026');
  });

  it('reads an ambiguous numeric date day first outside English, by the order given, or not at all', () => {
    // English: en-US reads 03/02 as March 2, most of the world as February 3; no guess.
    expect(parseDateline('03/02/2026')).toBeNull();
    expect(parseDateline('Updated 03/02/2026')).toBeNull();
    expect(parseDateline('03/02/2026', 'dmy')?.iso).toBe('2026-02-03');
    expect(parseDateline('03/02/2026', 'mdy')?.iso).toBe('2026-03-02');
    expect(parseDateline('03-02-2026', 'dmy')?.iso).toBe('2026-02-03');
    // Not English: day first.
    expect(parseDateline('٠٣/٠٢/٢٠٢٦')?.iso).toBe('2026-02-03');
    expect(parseDateline('الثلاثاء 03/02/2026')?.iso).toBe('2026-02-03');
    expect(parseDateline('Mis à jour le 03/02/2026')?.iso).toBe('2026-02-03');
    expect(parseDateline('Actualizado: 03/02/2026 - 14:20 h')?.iso).toBe('2026-02-03');
    // Unambiguous whatever the order.
    expect(parseDateline('03/03/2026')?.iso).toBe('2026-03-03');
    expect(parseDateline('31/05/2025', 'mdy')?.iso).toBe('2025-05-31');
    expect(parseDateline('05/31/2025', 'dmy')?.iso).toBe('2025-05-31');
  });


  it('asks a date order given as a function only for a date whose day and month could be swapped, once', () => {
    let asked = 0;
    const order = (): 'dmy' => {
      asked++;
      return 'dmy';
    };
    expect(parseDateline('Tuesday, Feb 03, 2026', order)?.iso).toBe('2026-02-03');
    expect(parseDateline('31/05/2025', order)?.iso).toBe('2025-05-31');
    expect(parseDateline('03/03/2026', order)?.iso).toBe('2026-03-03');
    expect(parseDateline('The tram line opened to passengers on the morning of the holiday', order)).toBeNull();
    expect(asked).toBe(0);
    expect(parseDateline('03/02/2026', order)?.iso).toBe('2026-02-03');
    expect(asked).toBe(1);
    // A function that gives null (an English page) leaves the line's own guess, as null does.
    expect(parseDateline('Mis à jour le 03/02/2026', () => null)?.iso).toBe('2026-02-03');
    expect(parseDateline('Updated 03/02/2026', () => null)).toBeNull();
  });
  it('takes the date order from the page: day first unless the page is English', () => {
    expect(dateOrderOf('افتتحت وزارة الموارد المائية محطة جديدة لتحلية مياه البحر.')).toBe('dmy');
    expect(dateOrderOf('В Новоречинске открылось движение по новой трамвайной линии.')).toBe('dmy');
    expect(dateOrderOf("Le maire a inauguré la ligne de tramway et les habitants sont venus pour la fête.")).toBe('dmy');
    expect(dateOrderOf('The mayor opened the tram line and residents came to see it in the rain.')).toBeNull();
  });

  it.each([
    ['قالت الوزارة في بيان صدر يوم 3 فبراير 2026 إن المحطة ستعمل بكامل طاقتها'],
    ['Мэрия сообщила 3 февраля 2026 года, что линия заработает в полную силу'],
    ['30 февраля 2026'],
    ['31 نيسان 2025'],
    ['فبراير 2026'],
    ['Вечерний курьер'],
    ['الأفق اليوم'],
  ])('rejects %s', (line) => {
    expect(parseDateline(line)).toBeNull();
  });

  it('finds a date inside running text in any of the languages', () => {
    expect(findDate('وقعت الحادثة في 5 كانون الثاني 2022 في ألماتي')?.iso).toBe('2022-01-05');
    expect(findDate('Это произошло 5 января 2022 года в Алматы')?.iso).toBe('2022-01-05');
    expect(findDate('Es geschah am 5. Januar 2022 in Almaty')?.iso).toBe('2022-01-05');
  });
});

describe('dateOrderOf: the code-point scan counts what the Unicode patterns count', () => {
  const english = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'was', 'with', 'on', 'by', 'it', 'as']);
  const other = new Set(['le', 'la', 'les', 'des', 'du', 'et', 'est', 'une', 'dans', 'pour', 'qui', 'sur', 'au', 'el', 'los', 'las', 'del', 'y', 'que', 'por', 'con', 'una', 'es', 'der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'dem', 'ein', 'eine', 'auf', 'für', 'von', 'zu']);
  // The form dateOrderOf had, by regular expressions.
  const byPatterns = (text: string): 'dmy' | null => {
    const sample = text.slice(0, 20_000);
    const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
    const letters = sample.match(/\p{L}/gu)?.length ?? 0;
    if (letters - latin > latin) return 'dmy';
    let en = 0;
    let oth = 0;
    for (const w of sample.toLowerCase().split(/[^\p{L}]+/u)) {
      if (english.has(w)) en++;
      else if (other.has(w)) oth++;
    }
    return oth > en ? 'dmy' : null;
  };

  it.each([
    'The cat and the dog: le chat et le chien, el gato y el perro.',
    'Le président est dans la salle pour une réunion, the end.',
    'Für die Stadt ist das nicht gut, und der Rat ist auf der Seite von zu.',
    'FÜR DIE STADT und DER Rat: İSTANBUL la le ΣΑΣ Straße Ⅻ ª º',
    'le\ud835\udc00la et et the \ud800 le 𝐀𝐁 du du',
    'Crónica: el informe del día, con los datos que la ministra presentó por la tarde.',
    '東京で会議 the and of le la les des du',
    'x'.repeat(19_998) + ' le la les',
    'le😀la the😀 😀du et\u212Aet the \u212Athe İL LE İLE la',
    'ET LE DU la\u212A le 😀😀 ΣΑΣ\'Β et',
    'el 😀 the 😀 le',
  ])('%s', (text) => {
    expect(dateOrderOf(text)).toBe(byPatterns(text));
  });
});

describe('findDate: lines with no day or month next to a year', () => {
  it('gives no date for a year alone or with runs of three digits, and reads every form whose day or month is one or two digits', () => {
    for (const line of ['News you can trust since 1894.', '© 2026 Arab Press', 'Page 123 of 2026', 'Call 555 0100 2026', '20260203']) {
      expect(findDate(line)).toBeNull();
    }
    expect(
      [
        'May 3, 2025', 'May 31st, 2025', 'Tuesday, Feb 03, 2026', '3rd May 2025', '31 May, 2025', '3 de febrero de 2026', '3. Februar 2026',
        '2025-5-3', '2025/05/31', 'Updated 2025.5.31T10:00', '3.5.2025', '31/05/2025', '5-31-2025',
        '٣ شباط ٢٠٢٦', '３ febrero ２０２６', 'Published: May 31, 2025 10:30 GMT',
      ].map((line) => findDate(line)?.iso ?? null),
    ).toEqual([
      '2025-05-03', '2025-05-31', '2026-02-03', '2025-05-03', '2025-05-31', '2026-02-03', '2026-02-03',
      '2025-05-03', '2025-05-31', '2025-05-31', '2025-05-03', '2025-05-31', '2025-05-31',
      '2026-02-03', '2026-02-03', '2025-05-31',
    ]);
  });
});
