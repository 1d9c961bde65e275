import { describe, expect, it } from 'vitest';
import { TemplateModel } from '../../../src/extract/templates.js';

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

  it('ignores case, typography and blank lines', () => {
    const m = new TemplateModel();
    m.add('herald', ['Follow “The Herald” — daily.', 'a', '']);
    m.add('herald', ['FOLLOW "the herald" - daily.', 'b', '']);
    expect(m.isTemplate('herald', 'follow "the herald" - daily.')).toBe(true);
    expect(m.isTemplate('herald', '')).toBe(false);
  });
});
