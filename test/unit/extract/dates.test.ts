import { describe, expect, it } from 'vitest';
import { findDate, isoDateOf, parseDateline } from '../../../src/extract/dates.js';

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
