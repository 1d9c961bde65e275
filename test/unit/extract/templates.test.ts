import { describe, expect, it } from 'vitest';
import { lineKeys as lineKeysOf, TemplateModel } from '../../../src/extract/templates.js';

const appeal = 'Support independent journalism from the steppe: become a member today.';
const pageA = ['Parliament passed the budget on Tuesday after a long debate in the chamber.', appeal, 'The vote was 61 to 40.'];
const pageB = ['Floods closed the northern highway for a second day, officials said.', appeal, 'Crews expect to reopen it on Friday.'];
const statement = 'Kazakhstan has experienced unprecedented violence across the country, which has had a dramatic impact on our people.';

describe('outlet templates', () => {
  it('removes a line that recurs across pages of one outlet', () => {
    const m = new TemplateModel();
    m.add('herald', pageA);
    m.add('herald', pageB);
    expect(m.strip('herald', pageA)).toEqual([pageA[0], pageA[2]]);
    expect(m.strip('herald', pageB)).not.toContain(appeal);
  });

  it('never counts recurrence across outlets: a statement many outlets reprint survives', () => {
    const m = new TemplateModel();
    for (const outlet of ['arab-press', 'london-daily', 'steppe-herald', 'caspian-observer']) {
      m.add(outlet, ['Local news in brief.', statement, `Read more from ${outlet}.`]);
    }
    for (const outlet of ['arab-press', 'london-daily']) {
      expect(m.strip(outlet, ['Local news in brief.', statement])).toContain(statement);
    }
  });

  it('counts identical pages once, so a page crawled twice keeps its text', () => {
    const m = new TemplateModel();
    m.add('herald', pageA);
    m.add('herald', [...pageA]);
    expect(m.strip('herald', pageA)).toEqual(pageA);
  });

  it('keeps a page whole when the "template" would be most of it (the outlet ran the article twice)', () => {
    const m = new TemplateModel();
    const article = [statement, 'The peacekeeping troops are not involved in the elimination of militant groups.'];
    m.add('herald', [...article, 'First run, with a short intro.']);
    m.add('herald', ['A second intro line.', ...article]);
    expect(m.strip('herald', [...article, 'First run, with a short intro.'])).toContain(statement);
  });

  it('removes template lines one by one even when they are most of a page (a sidebar around a short article)', () => {
    const m = new TemplateModel();
    const sidebar = ['Weather threatens holiday plans across the north, forecasters say on Thursday.', 'The ten deadliest tornadoes to touch down in the country, according to the weather service.', 'When lightning strikes, it is best to go indoors, experts agree in a new report.'];
    m.add('host:cnn.com', [...sidebar, 'A short story.'], 'A short story');
    m.add('host:cnn.com', [...sidebar, 'Another short one.'], 'Another short one');
    expect(m.strip('host:cnn.com', [...sidebar, 'A short story.'], 'A short story')).toEqual(['A short story.']);
  });

  it('calls a page that is nothing but its outlet template only template', () => {
    const m = new TemplateModel();
    const notice = ['CCPA right to opt out of the sale of your personal information.', 'If you are a California consumer, you have the right to direct a business not to sell it.'];
    m.add('host:reuters.com', notice, 'Wero passes its test');
    m.add('host:reuters.com', notice.concat(['Extra line.']), 'Dutch police detain dozens');
    expect(m.strip('host:reuters.com', notice, 'Wero passes its test')).toEqual([]);
    expect(m.keepMask('host:reuters.com', lineKeysOf(notice), notice.map((l) => l.length), 'Wero passes its test').onlyTemplate).toBe(true);
  });

  it('counts pages under one headline once: the outlet running one story at two URLs keeps it', () => {
    const m = new TemplateModel();
    const article = [statement, 'The peacekeeping troops are not involved in the elimination of militant groups.'];
    m.add('host:herald.kz', [...article, 'Updated at noon.'], 'Statement on the events');
    m.add('host:herald.kz', article, 'Statement on the events');
    expect(m.strip('host:herald.kz', article, 'Statement on the events')).toEqual(article);
  });

  it('takes a line on three pages as template whatever their headlines (two articles under a headline the template left in place)', () => {
    const m = new TemplateModel();
    const feed = ['Strava taps AI to weed out leaderboard cheats and unveils a family plan.', 'Sony Music warns 700 companies not to train AI on its catalogue.'];
    m.add('host:techcrunch.com', [pageA[0]!, ...feed], 'Strava taps AI');
    m.add('host:techcrunch.com', [pageB[0]!, ...feed], 'Strava taps AI');
    expect(m.strip('host:techcrunch.com', [pageA[0]!, ...feed], 'Strava taps AI')).toEqual([pageA[0], ...feed]);
    m.add('host:techcrunch.com', ['The central bank held its main rate steady on Thursday.', ...feed], 'Rates on hold');
    expect(m.strip('host:techcrunch.com', [pageA[0]!, ...feed], 'Strava taps AI')).toEqual([pageA[0]]);
  });

  it('takes a headline that three different pages carry for the site name, not a story', () => {
    const m = new TemplateModel();
    m.add('host:herald.kz', pageA, 'The Steppe Herald');
    m.add('host:herald.kz', pageB, 'The Steppe Herald');
    expect(m.strip('host:herald.kz', pageA, 'The Steppe Herald')).toEqual(pageA);
    m.add('host:herald.kz', ['The central bank held its main rate steady on Thursday.', appeal], 'The Steppe Herald');
    expect(m.strip('host:herald.kz', pageA, 'The Steppe Herald')).toEqual([pageA[0], pageA[2]]);
  });

  it('never removes most of a page when a folder stands in for the outlet (it may mix outlets)', () => {
    const m = new TemplateModel();
    const article = [statement, 'The peacekeeping troops are not involved in the elimination of militant groups.'];
    for (const [i, title] of ['Arab Press', 'London Daily', 'Steppe Herald'].entries()) m.add('dir:crawl', [...article, `Intro ${i}.`], title);
    expect(m.strip('dir:crawl', [...article, 'Intro 0.'], 'Arab Press')).toContain(statement);
  });

  it('takes three pages, not two, when a folder stands in for the outlet: two copies of one text in a crawl folder keep it', () => {
    const m = new TemplateModel();
    const lead = [statement, 'The peacekeeping troops are not involved in the elimination of militant groups.'];
    m.add('dir:crawl', [...lead, 'The rest of the original statement, which the excerpt left out.', 'And more of it, at some length.']);
    m.add('dir:crawl', ['Originally published by the Herald.', ...lead]);
    expect(m.strip('dir:crawl', ['Originally published by the Herald.', ...lead])).toContain(statement);
    m.add('dir:crawl', ['Support independent journalism: become a member today.', 'An unrelated story of a flood.', 'Originally published by the Herald.']);
    m.add('dir:crawl', ['A third story on the harbour.', 'Originally published by the Herald.', 'It reopens on Friday.']);
    expect(m.isTemplate('dir:crawl', 'Originally published by the Herald.')).toBe(true);
    expect(m.isTemplate('dir:crawl', statement)).toBe(false);
  });

  it('strips a feed that is most of two untitled pages when each keeps an article of its own', () => {
    const m = new TemplateModel();
    const feed = Array.from({ length: 8 }, (_, i) => `Teaser ${i}: a headline from the outlet's own feed, printed beside every short article it runs.`);
    const own = (topic: string) => `${topic} ${'and the council met again to discuss it at some length, '.repeat(4)}`;
    m.add('host:courier.example', [own('Bridge repairs.'), ...feed]);
    m.add('host:courier.example', [own('School meals.'), ...feed]);
    expect(m.strip('host:courier.example', [own('Bridge repairs.'), ...feed])).toEqual([own('Bridge repairs.')]);
  });

  it('ignores case, typography and blank lines', () => {
    const m = new TemplateModel();
    m.add('herald', ['Follow “The Herald” — daily.', 'a', '']);
    m.add('herald', ['FOLLOW "the herald" - daily.', 'b', '']);
    expect(m.isTemplate('herald', 'follow "the herald" - daily.')).toBe(true);
    expect(m.isTemplate('herald', '')).toBe(false);
  });

  it('counts a crawl of thousands of pages through its table growing many times (each page\'s lines counted twice in place)', () => {
    const m = new TemplateModel();
    // Two outlets; each page under its own headline with forty lines of its own, a pair of pages
    // under one headline, and one standing line. The table doubles a dozen times on the way.
    for (let p = 0; p < 3000; p++) {
      const outlet = p % 2 === 0 ? 'host:a.example' : 'host:b.example';
      const own = Array.from({ length: 40 }, (_, k) => `Line ${k} of page ${p}, which no other page prints.`);
      m.add(outlet, [...own, 'Support independent journalism.'], `Story ${p}`);
    }
    m.add('host:a.example', ['One story at two addresses.', 'Its second line.'], 'Twice');
    m.add('host:a.example', ['One story at two addresses.', 'Its second line.', 'Updated.'], 'Twice');
    expect(m.isTemplate('host:a.example', 'Support independent journalism.')).toBe(true);
    expect(m.isTemplate('host:b.example', 'Support independent journalism.')).toBe(true);
    for (const p of [0, 1, 1499, 2998, 2999]) {
      const outlet = p % 2 === 0 ? 'host:a.example' : 'host:b.example';
      expect(m.isTemplate(outlet, `Line 7 of page ${p}, which no other page prints.`, `Story ${p}`)).toBe(false);
    }
    // Two pages under one headline count as one for a titled page: its lines are its own.
    expect(m.isTemplate('host:a.example', 'One story at two addresses.', 'Twice')).toBe(false);
    expect(m.isTemplate('host:a.example', 'One story at two addresses.')).toBe(true);
  });
});
