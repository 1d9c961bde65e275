/**
 * `reprint check` on CI platforms, in-process: the job summary GitHub Actions asks for through
 * GITHUB_STEP_SUMMARY, SARIF rule help, GitLab Code Quality, and the two CI examples the README
 * shows (docs/ci/github-workflow.yml, docs/ci/gitlab-ci.yml): their YAML is parsed, the
 * `reprint check` command each runs is taken word for word and run on fixtures laid out as the
 * job would find them, and what it produces is checked (annotations and summary; a Code Quality
 * file valid against test/fixtures-schema/gitlab-codequality.schema.json).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { README_URL } from '../../src/cli/version.js';
import { removeTempDirs, ROOT, tempDir } from '../helpers.js';
import { runMain } from './run.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const readJson = (...parts: string[]): object => JSON.parse(readFileSync(path.join(ROOT, ...parts), 'utf8')) as object;
const validateSarif = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(readJson('test', 'fixtures-schema', 'sarif-schema-2.1.0.json'));
const validateCodeQuality = new Ajv2020({ allErrors: true, strict: false }).compile(readJson('test', 'fixtures-schema', 'gitlab-codequality.schema.json'));

afterAll(removeTempDirs);

/** A job's working copy: the new crawl (fixtures/html, two pages copying the seeds) and an index of the seeds. */
async function jobDir(crawl = 'crawls/latest', index = 'reprint-index.db'): Promise<string> {
  const dir = tempDir('reprint-ci-');
  mkdirSync(path.join(dir, crawl), { recursive: true });
  cpSync(path.join(ROOT, 'fixtures', 'html'), path.join(dir, crawl), { recursive: true });
  const add = await runMain(['index', 'add', path.join(ROOT, 'fixtures', 'kazakhstan'), '--index', path.join(dir, index)]);
  expect(add.code, add.stderr).toBe(0);
  return dir;
}

interface ShellCommand {
  argv: string[];
  /** The file stdout is redirected to, if any. */
  stdoutFile: string | null;
}

/**
 * A CI line as the shell would run it: CI variables replaced by sample values, split on spaces,
 * `> file` taken as the redirect. Anything shell-like beyond that fails, so the examples stay
 * commands this reading covers.
 */
function shellCommand(line: string, vars: Record<string, string>): ShellCommand {
  let expanded = line.replace(/\$\{\{\s*([\w.]+)\s*\}\}|\$(\w+)/g, (m, gh: string | undefined, env: string | undefined) => {
    const value = vars[(gh ?? env)!];
    if (value === undefined) throw new Error(`unknown variable ${m} in: ${line}`);
    return value;
  });
  let stdoutFile: string | null = null;
  const redirect = /\s>\s*(\S+)\s*$/.exec(expanded);
  if (redirect) {
    stdoutFile = redirect[1]!;
    expanded = expanded.slice(0, redirect.index);
  }
  expect(expanded, 'no quoting, pipes or other redirects').not.toMatch(/["'`;&|<>\\]/);
  return { argv: expanded.trim().split(/\s+/), stdoutFile };
}

const optionOf = (argv: readonly string[], name: string): string => argv[argv.indexOf(name) + 1]!;

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
}

describe('docs/ci/github-workflow.yml', () => {
  const workflow = parseYaml(readFileSync(path.join(ROOT, 'docs', 'ci', 'github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: WorkflowStep[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const checkSteps = steps.filter((s) => s.run?.includes('reprint check'));
  const { argv } = shellCommand(checkSteps[0]!.run!, { 'github.run_number': '42', 'github.run_id': '9000' });

  it('runs reprint check once, on the cached index, in the github format', () => {
    expect(checkSteps).toHaveLength(1);
    expect(argv.slice(0, 2)).toEqual(['reprint', 'check']);
    expect(optionOf(argv, '--format')).toBe('github');
    // The index that check reads and --update extends is the one the cache restores and saves, even on failure.
    const index = optionOf(argv, '--index');
    expect(argv).toContain('--update');
    const restore = steps.find((s) => s.uses?.startsWith('actions/cache/restore@'))!;
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save@'))!;
    expect([restore.with!['path'], save.with!['path']]).toEqual([index, index]);
    expect(save.if).toBe('always()');
    expect(steps.indexOf(restore)).toBeLessThan(steps.indexOf(checkSteps[0]!));
    expect(steps.indexOf(save)).toBeGreaterThan(steps.indexOf(checkSteps[0]!));
  });

  it('its check fails on the copies, annotates them, writes the job summary; the next run passes', async () => {
    const dir = await jobDir(argv[2], optionOf(argv, '--index'));
    const summary = path.join(dir, 'step-summary.md');
    const r = await runMain(argv.slice(1), { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('::'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('::error file=crawls/latest/'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^::notice title=reprint check::3 pages .*FAIL/);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^### reprint check: FAIL\n/);
    expect(md.split('\n').filter((l) => /^\| \d+ \| copies an indexed page \| crawls\/latest\//.test(l))).toHaveLength(2);

    // --update added the crawl: checked again (the next run, from the saved cache) nothing is new.
    const again = await runMain(argv.slice(1), { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/### reprint check: FAIL\n[\s\S]*### reprint check: PASS\n/);
  }, 120_000);
});

describe('docs/ci/gitlab-ci.yml', () => {
  type Job = { script: string[]; cache: { paths: string[]; when: string }; artifacts: { when: string; reports: { codequality: string } } };
  const jobs = parseYaml(readFileSync(path.join(ROOT, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, Job>;
  const job = Object.values(jobs).find((j) => j.script.some((l) => l.includes('reprint check')))!;
  const cmd = shellCommand(job.script.find((l) => l.includes('reprint check'))!, { CI_PIPELINE_ID: '1234' });

  it('writes codeclimate to the Code Quality report artifact, kept with the index even when the job fails', () => {
    expect(cmd.argv.slice(0, 2)).toEqual(['reprint', 'check']);
    expect(optionOf(cmd.argv, '--format')).toBe('codeclimate');
    expect(cmd.stdoutFile).toBe(job.artifacts.reports.codequality);
    expect(job.artifacts.when).toBe('always');
    expect(job.cache.paths).toContain(optionOf(cmd.argv, '--index'));
    expect(job.cache.when).toBe('always');
  });

  it('its check writes a valid Code Quality report naming the copying pages', async () => {
    const dir = await jobDir(cmd.argv[2], optionOf(cmd.argv, '--index'));
    const r = await runMain(cmd.argv.slice(1), { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    writeFileSync(path.join(dir, cmd.stdoutFile!), r.stdout);
    const issues = JSON.parse(readFileSync(path.join(dir, cmd.stdoutFile!), 'utf8')) as { check_name: string; severity: string; fingerprint: string; location: { path: string } }[];
    expect(validateCodeQuality(issues), JSON.stringify(validateCodeQuality.errors)).toBe(true);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path])).toEqual([
      ['reprint/copies-indexed-page', 'major', 'crawls/latest/caspian-observer-kazakhstan-statement.html'],
      ['reprint/copies-indexed-page', 'major', 'crawls/latest/steppe-herald-kazakhstan-statement.html'],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(2);
  }, 120_000);
});

describe('check in CI formats, through the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await jobDir();
  }, 120_000);
  const check = (format: string, env: Record<string, string> = {}) => runMain(['check', 'crawls/latest', '--index', 'reprint-index.db', '--format', format], { cwd: dir, env });

  it('the job summary is written only for --format github and only when GITHUB_STEP_SUMMARY is set', async () => {
    const summary = path.join(dir, 'summary-only-github.md');
    const json = await check('json', { GITHUB_STEP_SUMMARY: summary });
    expect(json.code).toBe(1);
    expect(existsSync(summary)).toBe(false);
    const plain = await check('github');
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('job summary');
    const gh = await check('github', { GITHUB_STEP_SUMMARY: 'relative-summary.md' });
    expect(gh.code).toBe(1);
    // A relative name is taken from the working directory, as a shell would.
    expect(readFileSync(path.join(dir, 'relative-summary.md'), 'utf8')).toContain('#### Pages with copies (2)');
  }, 120_000);

  it('a summary file that cannot be written is a warning; the annotations and exit code stand', async () => {
    const r = await check('github', { GITHUB_STEP_SUMMARY: path.join(dir, 'no-such-dir', 'summary.md') });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
    expect(r.stderr).toMatch(/^reprint: cannot write the job summary to .*no-such-dir.*summary\.md: ENOENT/m);
  }, 120_000);

  it('SARIF rules carry help, with helpUri only when package.json says where the README is', async () => {
    const r = await check('sarif');
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { help: { text: string; markdown: string }; helpUri?: string }[] } } }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    for (const rule of log.runs[0]!.tool.driver.rules) {
      expect(rule.help.text).not.toBe('');
      expect(rule.help.markdown).not.toBe('');
      expect(rule.helpUri).toBe(README_URL !== null ? `${README_URL}#reprint-index-and-reprint-check-earlier-crawls-and-a-ci-gate` : undefined);
    }
  }, 120_000);

  it('codeclimate output is byte-identical between runs', async () => {
    const a = await check('codeclimate');
    const b = await check('codeclimate');
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
  }, 120_000);
});
