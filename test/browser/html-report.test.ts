/**
 * The HTML report in a real browser: Debian's chromium (scripts/ensure-chromium.sh installs it for
 * `npm test`; REPRINT_CHROMIUM names another) driven by playwright-core. The report is opened from
 * disk with every request outside the file itself recorded and refused, and a page whose title is
 * markup must show it as text and run nothing. REPRINT_UPDATE_SCREENSHOT=1 also copies the scan
 * screenshot to docs/html-report.png for the README.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { runMain } from '../cli/run.js';

const HOSTILE_TITLE = '<img src=x onerror=window.__pwned=1>';

function chromiumPath(): string {
  const given = process.env.REPRINT_CHROMIUM;
  if (given !== undefined && given !== '') return given;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim();
  if (found === '') throw new Error('no chromium on PATH: run scripts/ensure-chromium.sh (npm test does) or set REPRINT_CHROMIUM');
  return found;
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath() });
});
afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

interface Opened {
  page: Page;
  /** Requests for anything but the report file itself. */
  outside: string[];
  /** Console errors and uncaught exceptions. */
  problems: string[];
}

/** Opens a report file with the network shut: every request but the file is recorded and aborted. */
async function open(file: string): Promise<Opened> {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await context.newPage();
  const outside: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  page.on('request', (r) => {
    if (r.url() !== url && !outside.includes(r.url())) outside.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  return { page, outside, problems };
}

describe('scan --format html in a browser', () => {
  it('shows the cluster, explains a copy, escapes a hostile title and touches no network', async () => {
    const dir = tempDir();
    const r = await runMain(['scan', 'fixtures/kazakhstan', 'fixtures/hostile', '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(dir, 'scan.html');
    writeFileSync(file, r.stdout);
    const { page, outside, problems } = await open(file);

    for (const outlet of ['Arab Press', 'London Daily']) {
      await page.locator('td.outlet', { hasText: outlet }).first().waitFor({ state: 'visible' });
    }
    const hostile = page.locator('td.title', { hasText: HOSTILE_TITLE });
    await hostile.waitFor({ state: 'visible' });
    expect(await hostile.textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('main img').count()).toBe(0);

    await page.locator('tr', { hasText: 'Arab Press' }).getByRole('button', { name: 'explain' }).click();
    const passages = page.locator('.explain .passage');
    await passages.first().waitFor({ state: 'visible' });
    expect(await passages.count()).toBeGreaterThan(0);
    expect(await page.locator('.explain').textContent()).toContain('against the earliest copy, London Daily');
    // The hostile copy adds a lead, drops a paragraph and changes a word (fixtures/README.md).
    await page.locator('tr', { hasText: HOSTILE_TITLE }).getByRole('button', { name: 'explain' }).click();
    await page.locator('.explain .passage.copy', { hasText: 'reached our newsroom' }).waitFor({ state: 'visible' });
    await page.locator('.explain .passage.base', { hasText: 'preparedness and coordination' }).waitFor({ state: 'visible' });
    expect(await page.locator('.explain ins').allTextContents()).toContain('brutal');
    expect(await page.locator('.explain del').allTextContents()).toContain('hyenas');

    // The outlet network names the outlets, the hostile one as text.
    expect(await page.locator('svg.network .node text').allTextContents()).toEqual(expect.arrayContaining(['Arab Press', 'London Daily', 'Hostile "Gazette" & <Co>']));

    await page.locator('h1').scrollIntoViewIfNeeded();
    const screenshot = path.join(dir, 'scan.png');
    await page.screenshot({ path: screenshot, fullPage: false });
    if (process.env.REPRINT_UPDATE_SCREENSHOT === '1') copyFileSync(screenshot, path.join(ROOT, 'docs', 'html-report.png'));
    expect(existsSync(screenshot)).toBe(true);

    // Search and filters hide what does not match, and bring it back.
    const group = page.locator('article.group').first();
    await page.locator('#search').fill('no page says this');
    await group.waitFor({ state: 'hidden' });
    await page.locator('#search').fill('arab press');
    await group.waitFor({ state: 'visible' });
    await page.locator('#from').fill('2026-03-01');
    await group.waitFor({ state: 'hidden' });
    await page.locator('#from').fill('2026-02-01');
    await group.waitFor({ state: 'visible' });
    await page.locator('#outlet').selectOption({ label: 'London Daily' });
    await group.waitFor({ state: 'visible' });

    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await page.context().close();
  });
});

describe('check --format html in a browser', () => {
  it('shows findings with indexed copies unexplained and new copies explained', async () => {
    const dir = tempDir();
    const index = path.join(dir, 'index.sqlite');
    const added = await runMain(['index', 'add', 'fixtures/kazakhstan/london-daily-2025-05-31.txt', '--index', index]);
    expect(added.code).toBe(0);
    const r = await runMain(['check', 'fixtures/kazakhstan/arab-press-2026-02-03.txt', 'fixtures/hostile', '--index', index, '--format', 'html']);
    expect(r.code).toBe(1);
    const file = path.join(dir, 'check.html');
    writeFileSync(file, r.stdout);
    const { page, outside, problems } = await open(file);

    await page.locator('h1', { hasText: 'FAIL' }).waitFor({ state: 'visible' });
    // The Arab Press page's finding (the hostile page's finding lists it as a copy too).
    const finding = page.locator('article.group').filter({ has: page.locator('h2', { hasText: '(fixtures/kazakhstan/arab-press-2026-02-03.txt)' }) });
    await finding.locator('td.outlet', { hasText: 'London Daily' }).waitFor({ state: 'visible' });
    expect(await finding.locator('.badge', { hasText: 'no text' }).count()).toBeGreaterThan(0);
    await finding.locator('tr', { hasText: 'Hostile' }).getByRole('button', { name: 'explain' }).click();
    await finding.locator('.explain .passage').first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(dir, 'check.png') });

    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await page.context().close();
  });
});
