// Shows that a change of code leaves reprint's output byte-identical: builds a base commit in a
// git worktree beside this checkout, runs the same matrix of commands with both builds (scan,
// extract, check in every format, index add/stats/remove) on the fixtures and on a generated
// corpus, and compares stdout, stderr and exit codes byte for byte.
//
//   node scripts/same-output.mjs [--base <git ref>] [--size <pages>] [--keep]
//
// Only what legitimately differs between two runs is masked: elapsed times and the time a page
// was added to an index. Everything else, including the order of keys and lines, must match.
// Needs ../shared/corpora/allsides-dev.jsonl.gz for the generated corpus (REPRINT_ALLSIDES).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAllsides, ROOT } from '../bench/lib/corpus.js';
import { generateCorpus } from '../bench/lib/generate.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const base = flag('--base', 'HEAD');
const size = Number(flag('--size', '2000'));
const keep = args.includes('--keep');

const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
const baseSha = git('rev-parse', '--verify', `${base}^{commit}`);
const work = mkdtempSync(path.join(os.tmpdir(), 'reprint-same-output-'));
const log = (s) => process.stderr.write(`${s}\n`);

function build(dir) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed in ${dir}:\n${r.stdout}${r.stderr}`);
}

// The base build: its own sources, this checkout's node_modules.
const baseDir = path.join(work, 'base');
git('worktree', 'add', '--detach', baseDir, baseSha);
symlinkSync(path.join(ROOT, 'node_modules'), path.join(baseDir, 'node_modules'));
log(`building base ${base} (${baseSha.slice(0, 10)}) and this checkout`);
build(baseDir);
build(ROOT);

// The generated corpus: plain-text files and HTML pages in a JSON Lines export, with planted copies.
const corpusDir = path.join(os.tmpdir(), 'reprint-same-output-corpus');
log(`generating ${size} text pages and ${size} HTML pages`);
const articles = await loadAllsides();
await generateCorpus({ dir: path.join(corpusDir, 'text'), size, kind: 'text', format: 'files', seed: 7, articles, check: false });
await generateCorpus({ dir: path.join(corpusDir, 'html'), size, kind: 'html', format: 'jsonl', seed: 8, articles, check: false });

const F = ['json', 'ndjson', 'text'];
const CHECK_F = ['json', 'ndjson', 'text', 'sarif', 'junit', 'github'];
const KZ = 'fixtures/kazakhstan';
/** [name, argv]; run in order in one folder per build, so index steps see the ones before. */
const matrix = [
  ...F.map((f) => [`scan-kazakhstan-${f}`, ['scan', KZ, '-f', f]]),
  ...F.map((f) => [`scan-fixtures-all-${f}`, ['scan', 'fixtures', '--all', '-f', f]]),
  ...F.map((f) => [`extract-fixtures-${f}`, ['extract', 'fixtures', '-f', f]]),
  ['scan-fixtures-jsdom', ['scan', 'fixtures', '--dom', 'jsdom', '--no-templates']],
  ['scan-fixtures-options', ['scan', 'fixtures', '-t', '0.3', '-c', '0.6', '-k', '4', '--num-perm', '64', '--min-words', '5', '--fail-on-duplicates']],
  ['scan-fixtures-include', ['scan', 'fixtures', '--include', '**/*.html', '--exclude', 'bad/**']],
  ['scan-missing', ['scan', 'fixtures/none-such']],
  ['scan-bad-option', ['scan', KZ, '-t', '2']],
  ['index-add-first', ['index', 'add', `${KZ}/london-daily-2025-05-31.txt`, `${KZ}/kazakh-president-kill-order.txt`, '--index', 'state/kz.db', '--label', 'may']],
  ...CHECK_F.map((f) => [`check-kazakhstan-${f}`, ['check', KZ, 'fixtures/html', '--index', 'state/kz.db', '-f', f]]),
  ['check-gates', ['check', KZ, '--index', 'state/kz.db', '--max-duplicates', '0', '--max-ratio', '0.1']],
  ['check-update', ['check', KZ, '--index', 'state/kz.db', '--update', '--label', 'feb', '-f', 'json']],
  ['check-other-params', ['check', KZ, '--index', 'state/kz.db', '-k', '3']],
  ...['json', 'text'].map((f) => [`index-stats-${f}`, ['index', 'stats', '--index', 'state/kz.db', '-f', f]]),
  ['index-remove-text', ['index', 'remove', `${KZ}/official-statement-bare.txt`, '--index', 'state/kz.db', '-f', 'text']],
  ['index-remove-json', ['index', 'remove', 'fixtures/', '--index', 'state/kz.db']],
  ['index-remove-nothing', ['index', 'remove', 'nowhere.txt', '--index', 'state/kz.db']],
  ['index-stats-after', ['index', 'stats', '--index', 'state/kz.db']],
  ...F.map((f) => [`scan-generated-text-${f}`, ['scan', 'corpus/text/pages', '-f', f]]),
  ['scan-generated-text-jobs1', ['scan', 'corpus/text/pages', '--jobs', '1', '--all', '-f', 'ndjson']],
  ['extract-generated-text', ['extract', 'corpus/text/pages', '-f', 'ndjson']],
  ['scan-generated-html', ['scan', 'corpus/html/pages']],
  ['extract-generated-html', ['extract', 'corpus/html/pages', '-f', 'ndjson']],
  ['index-add-generated', ['index', 'add', 'corpus/text/pages/00000', '--index', 'state/gen.db', '--label', 'first', '-f', 'text']],
  ...CHECK_F.map((f) => [`check-generated-${f}`, ['check', 'corpus/text/pages/00001', '--index', 'state/gen.db', '-f', f]]),
  ['index-stats-generated', ['index', 'stats', '--index', 'state/gen.db']],
];

function runAll(buildDir, name) {
  const cwd = path.join(work, `run-${name}`);
  mkdirSync(path.join(cwd, 'state'), { recursive: true });
  symlinkSync(path.join(ROOT, 'fixtures'), path.join(cwd, 'fixtures'));
  symlinkSync(corpusDir, path.join(cwd, 'corpus'));
  const out = new Map();
  for (const [step, argv] of matrix) {
    const r = spawnSync(process.execPath, [path.join(buildDir, 'bin', 'reprint.js'), ...argv], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 1 << 30,
    });
    out.set(step, { code: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  return out;
}

/** What differs between any two runs of one build: elapsed times and when pages were added. */
function mask(s) {
  return s
    .replace(/("elapsedMs"\s*:\s*)\d+/g, '$1#')
    .replace(/("addedAt"\s*:\s*)"[^"]*"/g, '$1"#"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '#time#')
    .replace(/( time=")[\d.]+"/g, '$1#"')
    .replace(/\bin \d+(\.\d+)? ?(ms|s)\b/g, 'in # $2');
}

log(`running ${matrix.length} commands with each build`);
const before = runAll(baseDir, 'base');
const after = runAll(ROOT, 'head');
let differ = 0;
const rows = [];
for (const [step] of matrix) {
  const a = before.get(step);
  const b = after.get(step);
  const same = a.code === b.code && mask(a.stdout) === mask(b.stdout) && mask(a.stderr) === mask(b.stderr);
  if (!same) {
    differ++;
    const dir = path.join(work, 'diff', step);
    mkdirSync(dir, { recursive: true });
    for (const [k, v] of [['base', a], ['head', b]]) {
      writeFileSync(path.join(dir, `${k}.stdout`), mask(v.stdout));
      writeFileSync(path.join(dir, `${k}.stderr`), mask(v.stderr) + `\n(exit ${v.code})\n`);
    }
  }
  rows.push(`${same ? 'same  ' : 'DIFFER'}  exit ${b.code}  ${String(b.stdout.length).padStart(9)} B  ${step}`);
}
console.log(rows.join('\n'));
console.log(`\n${matrix.length - differ} of ${matrix.length} commands byte-identical to ${base} (${baseSha.slice(0, 10)})` + (differ ? `; differences in ${path.join(work, 'diff')}` : ''));
git('worktree', 'remove', '--force', baseDir);
if (!keep && differ === 0) rmSync(work, { recursive: true, force: true });
process.exitCode = differ === 0 ? 0 : 1;
