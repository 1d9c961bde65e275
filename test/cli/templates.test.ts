/**
 * Outlet templates in HTML pages (fixtures/templates): a standing box that is most of each
 * short article goes line by line, a page that is only the box is an error, and a consent
 * dialog is never taken for the article.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractReport } from '../../src/report/extract/types.js';
import type { ScanReport } from '../../src/report/scan/types.js';
import { json, runMain } from './run.js';

const DIR = 'fixtures/templates';

describe('outlet templates in HTML pages', () => {
  it('keeps two short reports inside one outlet box apart, and turns the box alone into an error', async () => {
    const r = await runMain(['scan', DIR, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = json<ScanReport>(r);
    expect(report.summary).toMatchObject({ documents: 2, clusters: 0, errors: 1 });
    expect(report.errors).toEqual([{ path: `${DIR}/courier-about-us.html`, message: 'no article text: only outlet template' }]);
    expect(r.stderr).toBe(`reprint: ${DIR}/courier-about-us.html: no article text: only outlet template\n`);
  });

  it('without template removal, the box alone makes the three pages one false cluster', async () => {
    const r = await runMain(['scan', DIR, '--format', 'json', '--no-templates']);
    const report = json<ScanReport>(r);
    expect(report.summary).toMatchObject({ documents: 3, clusters: 1, errors: 0 });
  });

  it('extract gives the report without the box or the consent dialog, and the same error', async () => {
    const r = await runMain(['extract', DIR, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = json<ExtractReport>(r);
    expect(report.pages.map((p) => p.path)).toEqual([`${DIR}/courier-bridge-repairs.html`, `${DIR}/courier-school-meals.html`]);
    const bridge = report.pages[0]!;
    expect(bridge.text).toContain('Repairs to the old stone bridge at Millford');
    expect(bridge.text).not.toContain('independent newspaper');
    expect(bridge.text).not.toMatch(/privacy|consent|opt-out/i);
    expect(report.errors).toEqual([{ path: `${DIR}/courier-about-us.html`, message: 'no article text: only outlet template' }]);
  });

  it('takes the article, not the consent dialog, from one page alone (no outlet template to compare with)', async () => {
    const r = await runMain(['extract', `${DIR}/courier-about-us.html`, '--format', 'json']);
    const page = json<ExtractReport>(r).pages[0]!;
    expect(page.text).toContain('independent newspaper serving the river towns');
    expect(page.text).not.toMatch(/privacy|consent|opt-out/i);
  });
});
