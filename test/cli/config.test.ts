/**
 * The config file: where reprint finds it, what wins over what, and how a bad one is reported
 * (one line naming the file and key, exit 2). Each test runs main() from its own temporary folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/report/check/types.js';
import type { ScanReport } from '../../src/report/scan/types.js';
import { fixture, removeTempDirs, tempDir } from '../helpers.js';
import { json, runMain } from './run.js';

afterAll(removeTempDirs);

/** A temporary folder holding these files (objects are written as JSON, strings as they are). */
function folderWith(files: Record<string, unknown>): string {
  const root = tempDir('reprint-config-');
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (name.endsWith('/')) mkdirSync(file, { recursive: true });
    else writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

async function scanParams(cwd: string, ...args: string[]): Promise<ScanReport['params']> {
  const r = await runMain(['scan', fixture('kazakhstan'), ...args], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return json<ScanReport>(r).params;
}

describe('finding the config', () => {
  it('finds reprint.config.json from a subfolder, upwards', async () => {
    const root = folderWith({ 'reprint.config.json': { threshold: 0.6 }, 'crawls/today/': null });
    expect(await scanParams(path.join(root, 'crawls', 'today'))).toMatchObject({ threshold: 0.6 });
  });

  it('reads .reprintrc.json', async () => {
    const root = folderWith({ '.reprintrc.json': { shingleSize: 4 } });
    expect(await scanParams(root)).toMatchObject({ shingleSize: 4 });
  });

  it('reads the "reprint" key of package.json, and passes over a package.json without one', async () => {
    const root = folderWith({
      'package.json': { name: 'crawls', reprint: { containment: 0.8 } },
      'sub/package.json': { name: 'sub' },
    });
    expect(await scanParams(path.join(root, 'sub'))).toMatchObject({ containment: 0.8 });
  });

  it('uses the nearest file only: a package.json key below a config file hides it', async () => {
    const root = folderWith({
      'reprint.config.json': { threshold: 0.6 },
      'sub/package.json': { name: 'sub', reprint: { containment: 0.8 } },
    });
    expect(await scanParams(path.join(root, 'sub'))).toMatchObject({ threshold: 0.5, containment: 0.8 });
  });

  it('stops at the repository root: a config above the folder holding .git is not read', async () => {
    const root = folderWith({ 'reprint.config.json': { threshold: 0.6 }, 'repo/.git/': null, 'repo/sub/': null });
    expect(await scanParams(path.join(root, 'repo', 'sub'))).toMatchObject({ threshold: 0.5 });
  });

  it('--config names the file, and then nothing is searched for', async () => {
    const root = folderWith({ 'reprint.config.json': { containment: 0.9 }, 'settings/strict.json': { threshold: 0.65 } });
    expect(await scanParams(root, '--config', 'settings/strict.json')).toMatchObject({ threshold: 0.65, containment: 0.7 });
  });
});

describe('precedence: defaults < package.json < config file < command line', () => {
  const pkg = { name: 'crawls', reprint: { threshold: 0.6, shingleSize: 4 } };

  it('defaults with no config', async () => {
    expect(await scanParams(folderWith({}))).toMatchObject({ threshold: 0.5, shingleSize: 5, containment: 0.7, minWords: 20 });
  });

  it('package.json over the defaults', async () => {
    expect(await scanParams(folderWith({ 'package.json': pkg }))).toMatchObject({ threshold: 0.6, shingleSize: 4, containment: 0.7 });
  });

  it('a config file over package.json in the same folder (whole: the two are not merged)', async () => {
    const root = folderWith({ 'package.json': pkg, 'reprint.config.json': { threshold: 0.7 } });
    expect(await scanParams(root)).toMatchObject({ threshold: 0.7, shingleSize: 5, containment: 0.7 });
  });

  it('the command line over the config file', async () => {
    const root = folderWith({ 'package.json': pkg, 'reprint.config.json': { threshold: 0.7, minWords: 15 } });
    expect(await scanParams(root, '--threshold', '0.8')).toMatchObject({ threshold: 0.8, minWords: 15, containment: 0.7 });
  });
});

describe('what a config sets', () => {
  it('a command section wins over the top level, and top-level keys a command lacks are ignored', async () => {
    const root = folderWith({
      'reprint.config.json': { threshold: 0.6, label: 'nightly', scan: { threshold: 0.65, format: 'text' }, check: { format: 'sarif' } },
    });
    const text = await runMain(['scan', fixture('kazakhstan')], { cwd: root });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).not.toMatch(/^\{/);
    expect(await scanParams(root, '--format', 'json')).toMatchObject({ threshold: 0.65 });
  });

  it('supplies a required option: check takes its --index from the config', async () => {
    const root = folderWith({ 'reprint.config.json': { index: 'index.db', check: { format: 'json' } } });
    expect((await runMain(['index', 'add', fixture('kazakhstan')], { cwd: root })).code).toBe(0);
    const r = await runMain(['check', fixture('html')], { cwd: root });
    expect(r.code, r.stderr).toBe(1);
    expect(json<CheckReport>(r).summary).toMatchObject({ copiesOfIndexed: 2, failed: true });
  });

  it('a required option neither given nor configured is still a usage error', async () => {
    const r = await runMain(['check', fixture('html')], { cwd: folderWith({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--index <store>' not specified/);
  });

  it('templates: false in the config, --templates and --no-templates on the command line', async () => {
    const off = folderWith({ 'reprint.config.json': { templates: false } });
    expect(await scanParams(off)).toMatchObject({ templates: false });
    expect(await scanParams(off, '--templates')).toMatchObject({ templates: true });
    const on = folderWith({ 'reprint.config.json': { templates: true } });
    expect(await scanParams(on, '--no-templates')).toMatchObject({ templates: false });
  });

  it('failOnDuplicates: true in the config, undone by --no-fail-on-duplicates', async () => {
    const root = folderWith({ 'reprint.config.json': { scan: { failOnDuplicates: true } } });
    expect((await runMain(['scan', fixture('kazakhstan')], { cwd: root })).code).toBe(1);
    expect((await runMain(['scan', fixture('kazakhstan'), '--no-fail-on-duplicates'], { cwd: root })).code).toBe(0);
  });

  it('a list (exclude) from the config is replaced, not added to, by the command line', async () => {
    const root = folderWith({ 'reprint.config.json': { exclude: ['**/official-*'] } });
    const configured = json<ScanReport>(await runMain(['scan', fixture('kazakhstan')], { cwd: root }));
    expect(configured.summary.documents).toBe(4);
    const replaced = json<ScanReport>(await runMain(['scan', fixture('kazakhstan'), '--exclude', '**/none-*'], { cwd: root }));
    expect(replaced.summary.documents).toBe(5);
  });

  it('takes jsonlFields as an object', async () => {
    const root = folderWith({ 'reprint.config.json': { jsonlFields: { html: ['content', 'body'], url: 'link' } } });
    expect((await runMain(['scan', fixture('kazakhstan')], { cwd: root })).code).toBe(0);
  });
});

describe('a bad config: one line on stderr naming the file and key, exit 2', () => {
  async function fails(files: Record<string, unknown>, args: string[] = []): Promise<string> {
    const root = folderWith(files);
    const r = await runMain(['scan', fixture('kazakhstan'), ...args], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n') && r.stderr.trimEnd().split('\n')).toHaveLength(1);
    return r.stderr.trimEnd();
  }

  it('an unknown key, with a suggestion', async () => {
    expect(await fails({ 'reprint.config.json': { treshold: 0.6 } })).toBe('reprint: reprint.config.json: treshold: unknown setting, did you mean "threshold"?');
    expect(await fails({ 'reprint.config.json': { 'shingle-size': 4 } })).toBe('reprint: reprint.config.json: shingle-size: unknown setting, did you mean "shingleSize"?');
    expect(await fails({ 'reprint.config.json': { colour: true } })).toBe('reprint: reprint.config.json: colour: unknown setting');
  });

  it('an option the command in a section does not have, whichever command runs', async () => {
    expect(await fails({ 'reprint.config.json': { explain: { threshold: 0.6 } } })).toBe('reprint: reprint.config.json: explain.threshold: explain has no such option');
    expect(await fails({ 'reprint.config.json': { 'index add': { updte: true } } })).toBe('reprint: reprint.config.json: "index add".updte: index add has no such option');
  });

  it('a wrong type', async () => {
    expect(await fails({ 'reprint.config.json': { threshold: true } })).toBe('reprint: reprint.config.json: threshold: expected a string or a number, got true');
    expect(await fails({ 'reprint.config.json': { all: 'yes' } })).toBe('reprint: reprint.config.json: all: expected true or false, got "yes"');
    expect(await fails({ 'reprint.config.json': { exclude: [1] } })).toBe('reprint: reprint.config.json: exclude: expected a string or a list of strings, got a list');
    expect(await fails({ 'reprint.config.json': { scan: 'text' } })).toBe('reprint: reprint.config.json: scan: expected an object of settings for scan, got "text"');
    expect(await fails({ 'reprint.config.json': [] })).toBe('reprint: reprint.config.json: expected an object of settings, got a list');
  });

  it('out of range, by the rules of the command line', async () => {
    const rule = 'expected a number above 0 and below 1';
    expect(await fails({ 'reprint.config.json': { threshold: 1 } })).toBe(`reprint: reprint.config.json: threshold: 1 is invalid: ${rule}`);
    expect((await runMain(['scan', fixture('kazakhstan'), '--threshold', '1'], { cwd: folderWith({}) })).stderr).toContain(rule);
    expect(await fails({ 'reprint.config.json': { scan: { jobs: 0 } } })).toBe('reprint: reprint.config.json: scan.jobs: 0 is invalid: expected a whole number from 1 to 256');
    expect(await fails({ 'reprint.config.json': { format: 'xml' } })).toMatch(/^reprint: reprint\.config\.json: format: "xml" is invalid: Allowed choices are json, /);
    expect(await fails({ 'reprint.config.json': { maxBytes: '10 parsecs' } })).toBe('reprint: reprint.config.json: maxBytes: "10 parsecs" is invalid: expected a size such as 500000, 512k or 10M');
    expect(await fails({ 'reprint.config.json': { jsonlFields: { body: 'text' } } })).toMatch(/^reprint: reprint\.config\.json: jsonlFields: \{"body":"text"\} is invalid: expected url\|html/);
  });

  it('in package.json, the key path starts at "reprint"', async () => {
    expect(await fails({ 'package.json': { name: 'x', reprint: { shingleSize: 50 } } })).toBe('reprint: package.json: reprint.shingleSize: 50 is invalid: expected a whole number from 1 to 20');
  });

  it('invalid JSON, with line and column', async () => {
    expect(await fails({ 'reprint.config.json': '{\n  "threshold": 0.6,\n}\n' })).toBe(`reprint: reprint.config.json:3:1: invalid JSON: unexpected "}", expected a key in double quotes`);
    expect(await fails({ '.reprintrc.json': '{\n  "all": tru\n}' })).toBe('reprint: .reprintrc.json:2:10: invalid JSON: unexpected "t"');
    expect(await fails({ 'reprint.config.json': '{"threshold": 0.6' })).toBe(`reprint: reprint.config.json:1:18: invalid JSON: unexpected end of file, expected ',' or '}'`);
  });

  it('settings that belong to one run', async () => {
    expect(await fails({ 'reprint.config.json': { output: 'report.json' } })).toBe('reprint: reprint.config.json: output: not a config setting: it names where one report goes; pass -o on the command line');
  });

  it('--config naming a missing file, or a JavaScript file', async () => {
    expect(await fails({}, ['--config', 'nope.json'])).toBe('reprint: nope.json: cannot read the config file: no such file');
    expect(await fails({ 'reprint.config.js': 'process.exit(0)' }, ['--config', 'reprint.config.js'])).toBe(
      'reprint: reprint.config.js: a config file is JSON (.json); a .js file is not read, it could run code',
    );
    expect(await fails({ 'package.json': { name: 'x' } }, ['--config', 'package.json'])).toBe('reprint: package.json: no "reprint" key');
  });
});
