import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPlainText } from '../../../src/extract/plaintext.js';
import { classifyLine, isHeadlineLike, removeFurniture } from '../../../src/extract/furniture.js';
import { overlap, shingleSet, tokenHashes } from '../../../src/text/shingles.js';
import { fixture } from '../../helpers.js';

const read = (name: string): string => readFileSync(fixture('kazakhstan', name), 'utf8');
const shingles = (text: string) => shingleSet(tokenHashes(text), 5);

describe('plain-text scrapes (the seeds)', () => {
  const arab = extractPlainText(read('arab-press-2026-02-03.txt'));
  const london = extractPlainText(read('london-daily-2025-05-31.txt'));
  const bare = extractPlainText(read('official-statement-bare.txt'));

  it('reads the masthead, dateline and headline as printed', () => {
    expect(arab).toMatchObject({ outlet: 'Arab Press', dateline: 'Tuesday, Feb 03, 2026', published: '2026-02-03', title: 'What really happened in Kazakhstan' });
    expect(london).toMatchObject({ outlet: 'London Daily', dateline: 'Saturday, May 31, 2025', published: '2025-05-31', title: 'What really happened in Kazakhstan' });
    expect(bare).toMatchObject({ outlet: null, dateline: null, published: null });
  });

  it('removes masthead, tagline, newsletter, related headlines and player crumbs', () => {
    for (const doc of [arab, london]) {
      expect(doc.text).not.toMatch(/Arab Press|London Daily|Focus on the big picture|Newsletter|Related Articles|^0:00$|^Close$|×/m);
      expect(doc.text).not.toContain('Saudi Arabia');
      expect(doc.text).not.toContain('Boris and Carrie Johnson');
      expect(doc.text.startsWith('The story that ran this week')).toBe(true);
      expect(doc.text.endsWith('=== End of statement ===')).toBe(true);
    }
  });

  it("keeps the article's own short lines", () => {
    for (const doc of [arab, london, bare]) {
      expect(doc.text).toContain("So what's going on?");
      expect(doc.text).toContain('Official Statement on the events in Kazakhstan');
      expect(doc.text).toContain('Dear Compatriots, Friends and Partners,');
    }
  });

  it('raises the outlet copies from 0.39 raw Jaccard to the same text', () => {
    const raw = overlap(shingles(read('arab-press-2026-02-03.txt')), shingles(read('london-daily-2025-05-31.txt'))).jaccard;
    expect(raw).toBeLessThan(0.45);
    expect(overlap(shingles(arab.text), shingles(london.text)).jaccard).toBeGreaterThan(0.95);
    expect(overlap(shingles(arab.text), shingles(bare.text)).containment).toBeGreaterThan(0.95);
  });

  it('strips a blog footer: Recent Posts teasers and the cookie notice', () => {
    const blog = extractPlainText(read('kazakh-president-kill-order.txt'));
    expect(blog.title).toBe('Kazakh President Gives Order To Forces To Kill To Quell Unrest');
    expect(blog.text).toContain('shoot to kill without warning');
    expect(blog.text).not.toMatch(/Recent Posts|Grammys 2026|This website uses cookies|Read More/);
  });
});

describe('furniture rules', () => {
  it('classifies crumbs, markers, cookies, teasers and dates', () => {
    expect(classifyLine('0:00')).toBe('crumb');
    expect(classifyLine('×')).toBe('crumb');
    expect(classifyLine('Close')).toBe('crumb');
    expect(classifyLine('Related Articles')).toBe('marker');
    expect(classifyLine('Recent Posts')).toBe('marker');
    expect(classifyLine('This website uses cookies.')).toBe('cookie');
    expect(classifyLine('Trevor Noah returns for his sixth and final Grammys… Read More')).toBe('teaser');
    expect(classifyLine('January 31, 2026')).toBe('date');
    expect(classifyLine('The protest in Kazakhstan was triggered last week by the rise in fuel prices.')).toBe('text');
  });

  it('tells headlines from sentences', () => {
    expect(isHeadlineLike('Italy Faces Population Decline Amid Youth Emigration')).toBe(true);
    expect(isHeadlineLike('Their criminal activities caused riots, looting, rape and mass violence.')).toBe(false);
    expect(isHeadlineLike('by Special Representative of the President of')).toBe(false);
  });

  it('drops a run of headline-like lines but keeps a lone subheading', () => {
    const lines = [
      'A long paragraph of article prose that carries the story forward, sentence after sentence.',
      '',
      'What Happens Next',
      '',
      'Another paragraph of prose, long enough to read as article text and end with a full stop.',
      'Markets Rally as Central Bank Holds Rates',
      'Storm Batters Coast for a Third Day',
      'Minister Resigns Over Procurement Scandal',
      'Ten Things to Know Before the Vote',
    ];
    const out = removeFurniture(lines);
    expect(out).toContain('What Happens Next');
    expect(out.join('\n')).not.toContain('Markets Rally');
    expect(out.join('\n')).not.toContain('Ten Things');
  });

  it('keeps a marker that opens the page (no prose before it) out of the cut', () => {
    const out = removeFurniture(['Newsletter', '', 'The article starts here and runs for a while, as articles do, with detail.', 'More of it follows, and it ends with a full stop like prose should.']);
    expect(out).toHaveLength(2);
  });
});

describe('Arabic and Russian text scrapes (fixtures/multilingual)', () => {
  const raw = (name: string): string => readFileSync(fixture('multilingual', name), 'utf8');
  const lines = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim());

  /** The article as written: the lines from the one starting with `first` to the one starting with `last`, blank runs collapsed. */
  function article(text: string, first: string, last: string): string {
    const ls = lines(text);
    const a = ls.findIndex((l) => l.startsWith(first));
    const b = ls.findIndex((l) => l.startsWith(last));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    return ls.slice(a, b + 1).join('\n').replace(/\n{3,}/g, '\n\n');
  }

  const cases = [
    {
      file: 'ofoq-desalination-plant.txt',
      outlet: 'الأفق اليوم',
      dateline: 'الثلاثاء، 3 فبراير 2026',
      published: '2026-02-03',
      title: 'افتتاح محطة لتحلية مياه البحر في مدينة النخيل بطاقة 120 ألف متر مكعب يوميا',
      first: 'افتتحت وزارة',
      last: 'ويأمل سكان',
    },
    {
      file: 'sada-desalination-plant.txt',
      outlet: 'صدى الساحل',
      dateline: 'الأربعاء ٤ شباط ٢٠٢٦',
      published: '2026-02-04',
      title: 'افتتاح محطة لتحلية مياه البحر في مدينة النخيل بطاقة 120 ألف متر مكعب يوميا',
      first: 'افتتحت وزارة',
      last: 'ويأمل سكان',
    },
    {
      file: 'ofoq-olive-harvest.txt',
      outlet: 'الأفق اليوم',
      dateline: 'الأحد، 12 أكتوبر 2025',
      published: '2025-10-12',
      title: 'تراجع متوقع في إنتاج الزيتون بعد موسم حار وجاف في الريف الشمالي',
      first: 'بدأ المزارعون',
      last: 'ويعد الزيتون',
    },
    {
      file: 'kurier-tram-line.txt',
      outlet: 'Вечерний курьер',
      dateline: '3 февраля 2026',
      published: '2026-02-03',
      title: 'В Новоречинске открыли первую за сорок лет новую линию трамвая',
      first: 'В Новоречинске во вторник',
      last: 'В мэрии пообещали',
    },
    {
      file: 'pravda-severa-tram-line.txt',
      outlet: 'Правда Севера',
      dateline: 'Среда, 4 февраля 2026',
      published: '2026-02-04',
      title: 'В Новоречинске открыли первую за сорок лет новую линию трамвая',
      first: 'В Новоречинске во вторник',
      last: 'В мэрии пообещали',
    },
  ];

  describe.each(cases)('$file', ({ file, outlet, dateline, published, title, first, last }) => {
    const page = raw(file);
    const doc = extractPlainText(page);

    it('reads the masthead, dateline (as printed and as an ISO date) and headline', () => {
      expect(doc).toMatchObject({ outlet, dateline, published, title, method: 'plaintext' });
    });

    it('keeps every paragraph of the article, its subheading included, and nothing else', () => {
      expect(doc.text).toBe(article(page, first, last));
      const body = new Set(lines(article(page, first, last)));
      const furniture = lines(page).filter((l) => l.length > 0 && !body.has(l));
      expect(furniture.length).toBeGreaterThan(15);
      for (const l of lines(doc.text)) expect(furniture).not.toContain(l);
    });

    it('removes feeds and menus by structure alone: the same page without any word-list line', () => {
      const bare = page
        .split('\n')
        .filter((l) => ['text', 'blank', 'menu', 'date'].includes(classifyLine(l)))
        .join('\n');
      expect(extractPlainText(bare)).toMatchObject({ outlet, dateline, published, title, text: article(page, first, last) });
    });

    it('keeps paragraphs that end without a full stop', () => {
      const body = new Set(lines(article(page, first, last)));
      const unpunctuated = page
        .split('\n')
        .map((l) => (body.has(l.trim()) ? l.replace(/[.»]+$/u, '') : l))
        .join('\n');
      const want = lines(article(page, first, last)).map((l) => l.replace(/[.»]+$/u, '')).join('\n');
      expect(extractPlainText(unpunctuated).text).toBe(want);
    });
  });

  it('found no outlet or dateline on these pages before (English-only rules): now on all of them', () => {
    const found = cases.map((c) => extractPlainText(raw(c.file))).filter((d) => d.outlet !== null && d.published !== null);
    expect(found).toHaveLength(cases.length);
  });
});
