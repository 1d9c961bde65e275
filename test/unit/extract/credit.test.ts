/** Credits: the source an attribution line names, in the seven languages, and what extraction records of it. */
import { describe, expect, it } from 'vitest';
import { findCredit, classifyLine } from '../../../src/extract/furniture.js';
import { attributionCredit, isAttributionLine } from '../../../src/extract/markers.js';
import { extractPlainText } from '../../../src/extract/plaintext.js';
import { extractHtml } from '../../../src/extract/readability.js';

const PROSE = [
  'The ferry service between Port Alder and the outer islands resumed on Monday after three weeks of repairs to the storm-damaged pier at Kettle Bay, the harbour authority said.',
  'Engineers replaced forty metres of decking and two mooring bollards that were torn loose when the storm surge reached the quay in early February this year.',
];

describe('attributionCredit', () => {
  it.each([
    ['Republished from The Conversation.', 'The Conversation'],
    ['This article is republished from The Conversation under a Creative Commons license. Read the original article.', 'The Conversation'],
    ['Republished with permission from Harbour Wire', 'Harbour Wire'],
    ['Originally published by Reuters on 3 March 2026', 'Reuters'],
    ['This article originally appeared in Foreign Policy.', 'Foreign Policy'],
    ['This article first appeared on POLITICO Pro at 7:03 p.m. on August 24, 2012.', 'POLITICO Pro'],
    ['This story was published in partnership with Mother Jones', 'Mother Jones'],
    ['This article was originally published on FEE.org. Read the original article.', 'FEE.org'],
    ['via Reuters', 'Reuters'],
    ['(via The Conversation)', 'The Conversation'],
    ['Source: Harbour Wire', 'Harbour Wire'],
    ['Source: In These Times', 'In These Times'],
    ['SOURCE: U.S. Centers for Disease Control | Jacob Turcotte/Staff', 'U.S. Centers for Disease Control'],
    ['Source: https://www.harbourwire.example/2026/03/02/ferry', 'harbourwire.example'],
  ])('English: %s', (line, credit) => {
    expect(attributionCredit(line)).toBe(credit);
  });

  it.each([
    ['نقلاً عن الجزيرة نت', 'الجزيرة نت'],
    ['المصدر: وكالة الأنباء الكويتية', 'وكالة الأنباء الكويتية'],
    ['أعيد نشره من موقع صدى الساحل', 'موقع صدى الساحل'],
    ['Источник: «Коммерсантъ»', 'Коммерсантъ'],
    ['Перепечатано с разрешения из «Новой газеты»', 'Новой газеты'],
    ['Джерело: Українська правда', 'Українська правда'],
    ["Cet article a d'abord été publié sur Mediapart.", 'Mediapart'],
    ["Republié avec l'aimable autorisation de Slate", 'Slate'],
    ['Fuente: El País', 'El País'],
    ['Publicado originalmente en El Mundo el 3 de marzo de 2026', 'El Mundo'],
    ['Quelle: dpa', 'dpa'],
    ['Dieser Artikel erschien zuerst in der Süddeutschen Zeitung', 'Süddeutschen Zeitung'],
    ['Zuerst erschienen bei Zeit Online', 'Zeit Online'],
  ])('other languages: %s', (line, credit) => {
    expect(attributionCredit(line)).toBe(credit);
  });

  it('names no source when the line names none, or a date where the name would be', () => {
    expect(isAttributionLine('المصدر')).toBe(true);
    for (const line of ['المصدر', 'Source:', 'This story was originally published on', 'This story was originally published on October 21, 2019.', 'Republished with permission.']) {
      expect(attributionCredit(line), line).toBeNull();
    }
  });

  it('reads nothing into lines that are not attribution lines', () => {
    for (const line of [
      'Sources told reporters the talks would resume on Friday after a week of delays in the capital.',
      'Via libera al decreto',
      'Via Appia was the first of the great Roman roads.',
      'The source of the leak has not been found.',
      PROSE[0]!,
    ]) {
      expect(isAttributionLine(line), line).toBe(false);
      expect(attributionCredit(line), line).toBeNull();
    }
  });
});

describe('findCredit and extraction', () => {
  it('finds the first attribution line that names a source, among the lines the furniture rules remove', () => {
    expect(classifyLine('via Reuters')).toBe('crumb');
    expect(findCredit([...PROSE, '', 'Source:', 'Originally published by Harbour Wire', 'Quelle: dpa'])).toBe('Harbour Wire');
    expect(findCredit(PROSE)).toBeNull();
  });

  it('plain text: the credit line is recorded and removed from the text', () => {
    const article = extractPlainText([...PROSE, '', 'Republished from Harbour Wire.'].join('\n\n'));
    expect(article.credit).toBe('Harbour Wire');
    expect(article.text).not.toContain('Harbour Wire');
    const arabic = extractPlainText(
      'استأنفت العبّارة رحلاتها بين الميناء والجزر يوم الاثنين بعد ثلاثة أسابيع من أعمال إصلاح الرصيف الذي دمرته العاصفة، وفق ما أعلنته سلطة الميناء في بيان رسمي.\n\nنقلاً عن صدى الساحل',
    );
    expect(arabic.credit).toBe('صدى الساحل');
    expect(extractPlainText(PROSE.join('\n\n')).credit).toBeNull();
  });

  it('plain text: an attribution line in the head, above the dateline, is the credit; the head lines around it are not', () => {
    const page = ['Arab Press', 'Republished from Harbour Wire', 'Source of the week since 1894', 'Tuesday, Feb 03, 2026', '', 'Ferry service to the islands resumes', '', ...PROSE].join('\n');
    const article = extractPlainText(page);
    expect(article.credit).toBe('Harbour Wire');
    expect(article.published).toBe('2026-02-03');
    expect(article.text).not.toContain('Harbour Wire');
    // Lines of the head that read as attributions only in part (no crumb) name no credit.
    expect(extractPlainText(['Arab Press', 'Source of the week since 1894', 'Tuesday, Feb 03, 2026', '', ...PROSE].join('\n')).credit).toBeNull();
  });

  it('HTML: the credit line at the foot of the article is recorded and removed from the text', () => {
    const html = `<!doctype html><html><head><title>Ferry resumes</title></head><body><article><h1>Ferry resumes</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>${PROSE[0]}</p><p><em>Источник: «Вечерний курьер»</em></p></article></body></html>`;
    const article = extractHtml(html, { dom: 'linkedom' });
    expect(article.credit).toBe('Вечерний курьер');
    expect(article.text).not.toContain('Источник');
  });
});
