/**
 * The command line: parse, call one command, write its report, return the exit code. The bin
 * only sets process.exitCode (and installs the signal handlers, see signals.ts).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { RunHooks } from '../commands/hooks.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from '../commands/settings.js';
import { DOM_NAMES, type DomName } from '../extract/dom.js';
import { IndexConnectionError, IndexOpenError, IndexParamsError, type RemoveSelector } from '../index/store.js';
import { displayPathOf, InputArgumentError } from '../input/discover.js';
import { formatNames, formatReport, type FormatName, type ReportKind } from '../report/registry.js';
import type { PageOptions } from '../runtime/pages.js';
import { ConfigError, installConfig } from './config.js';
import { appendGithubStepSummary, githubStepSummaryFile } from './github-step-summary.js';
import { colorEnabled, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliContext } from './io.js';
import { byteSize, collect, duration, fraction, integerIn, jsonlFields, openFraction } from './options.js';
import { OutputError, ReportOutput } from './output.js';
import { createProgress } from './progress.js';
import { README_URL, VERSION } from './version.js';

function ratio(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share from 0 to 1');
  return n;
}

const d = DEFAULT_SCAN_OPTIONS;

// Each command's module is loaded when it runs: a run pays only for its own command's code (a
// scan never loads the diff library or the index stores), which is start-up time on every run.
const runScan: typeof import('../commands/scan.js').runScan = async (...a) => (await import('../commands/scan.js')).runScan(...a);
const runExtract: typeof import('../commands/extract.js').runExtract = async (...a) => (await import('../commands/extract.js')).runExtract(...a);
const runCheck: typeof import('../commands/check.js').runCheck = async (...a) => (await import('../commands/check.js')).runCheck(...a);
const runIndexAdd: typeof import('../commands/index-add.js').runIndexAdd = async (...a) => (await import('../commands/index-add.js')).runIndexAdd(...a);
const runIndexStats: typeof import('../commands/index-stats.js').runIndexStats = async (...a) => (await import('../commands/index-stats.js')).runIndexStats(...a);
const runIndexClusters: typeof import('../commands/index-clusters.js').runIndexClusters = async (...a) =>
  (await import('../commands/index-clusters.js')).runIndexClusters(...a);
const runIndexRemove: typeof import('../commands/index-remove.js').runIndexRemove = async (...a) => (await import('../commands/index-remove.js')).runIndexRemove(...a);

/** A command that reads pages: the inputs and options `scan`, `extract`, `check` and `index add` share. */
function pageCommand<F extends string>(name: string, description: string, formats: readonly F[]) {
  return new Command(name)
    .description(description)
    .argument('[paths...]', 'files and folders to read; - reads JSON Lines from standard input')
    .option('--files-from <list>', 'also read the paths listed in this file, one a line (- : standard input)')
    .option('-0, --null', 'the --files-from list is NUL-separated (find -print0)')
    .hook('preAction', (_command, action) => checkInputs(action))
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]! as F))
    .addOption(new Option('--max-bytes <size>', 'largest page (or decompressed output) read').argParser(byteSize).default(d.maxBytes, '10M'))
    .addOption(new Option('--max-archive-bytes <size>', 'largest WARC/ARC file read (JSON Lines files are streamed, any size)').argParser(byteSize).default(d.maxArchiveBytes, '2G'))
    .option('--include <glob>', 'glob of files to read in folders, repeatable (replaces the default extensions)', collect)
    .option('--exclude <glob>', 'glob of files or folders to leave out, repeatable', collect)
    .option('--jsonl-fields <map>', 'JSON Lines field names (url, html, text, title, date, outlet, id), e.g. html=content,outlet=source|publisher', jsonlFields)
    .addOption(new Option('--dom <name>', 'DOM that Readability runs over').choices(DOM_NAMES).default(d.dom as DomName))
    .option('--no-templates', "keep lines that recur across one outlet's pages")
    .addOption(new Option('-j, --jobs <n>', 'worker threads for reading and extraction').argParser(integerIn(1, 256)).default(d.jobs, 'cores, up to 8'))
    .addOption(new Option('--timeout <duration>', "time limit for one page's extraction (500ms, 30s, 2m)").argParser(duration).default(d.timeoutMs, '30s'))
    .option('--no-progress', 'no progress line on stderr')
    .option('-q, --quiet', 'nothing on stderr but a fatal error: no progress, no line per bad file (bad files stay in the report)');
}

type PageFlags = ReturnType<ReturnType<typeof pageCommand>['opts']>;

/** What decides a match: scan, index add and check take the same. */
function withSketchOptions<C extends ReturnType<typeof pageCommand>>(cmd: C) {
  return cmd
    .option('-t, --threshold <jaccard>', 'word-shingle Jaccard at or above which two pages are copies', openFraction, d.threshold)
    .option('-c, --containment <share>', 'share of the shorter text inside the longer at or above which it is a copy', fraction, d.containment)
    .option('-k, --shingle-size <words>', 'words per shingle', integerIn(1, 20), d.shingleSize)
    .option('--num-perm <n>', 'MinHash permutations (signature length)', integerIn(8, 1024), d.numPerm)
    .option('--min-words <n>', 'pages with less article text than this are reported as errors', integerIn(1, 100000), d.minWords);
}

interface SketchFlags {
  threshold: number;
  containment: number;
  shingleSize: number;
  numPerm: number;
  minWords: number;
}

function scanOptions(opts: PageFlags & SketchFlags, all = false): ScanOptions {
  return {
    ...pageOptions(opts),
    threshold: opts.threshold,
    containment: opts.containment,
    shingleSize: opts.shingleSize,
    numPerm: opts.numPerm,
    seed: d.seed,
    minWords: opts.minWords,
    all,
  };
}

/** Folders and `dir/` select everything under them; anything else is a path or URL as stored. */
function removeSelector(args: readonly string[], cwd: string): RemoveSelector {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const arg of args) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      exact.push(arg);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const shown = displayPathOf(abs, cwd);
    let isDir = arg.endsWith('/');
    try {
      isDir ||= statSync(abs).isDirectory();
    } catch {
      // Not here any more: a path as the index stored it.
    }
    if (isDir) prefixes.push(shown.replace(/\/?$/, '/'));
    else exact.push(shown, arg);
  }
  return { exact: [...new Set(exact)], prefixes: [...new Set(prefixes)] };
}

function pageOptions(opts: PageFlags): PageOptions {
  return {
    maxBytes: opts.maxBytes,
    maxArchiveBytes: opts.maxArchiveBytes,
    dom: opts.dom,
    templates: opts.templates,
    jobs: opts.jobs,
    timeoutMs: opts.timeout,
    ...(opts.jsonlFields ? { jsonlFields: opts.jsonlFields } : {}),
    ...(opts.include ? { include: opts.include } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.filesFrom !== undefined ? { filesFrom: { list: opts.filesFrom, nulSeparated: opts.null === true } } : {}),
  };
}

/**
 * What the inputs can mean together, checked before a run starts (a usage error, exit 2): some
 * input at all, and standard input read once, as pages (`-`) or as the list (`--files-from -`).
 */
function checkInputs(command: CommandUnknownOpts): void {
  const paths = (command.processedArgs[0] ?? []) as string[];
  const { filesFrom, null: nul } = command.opts() as { filesFrom?: string; null?: boolean };
  const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_ERROR, code: 'reprint.inputs' });
  if (paths.length === 0 && filesFrom === undefined) fail('no input: name files or folders, - for standard input, or --files-from <list>');
  if (nul === true && filesFrom === undefined) fail('-0/--null is about the --files-from list, and none is given');
  if (paths.filter((p) => p === '-').length > 1) fail('- (standard input) is named twice');
  if (filesFrom === '-' && paths.includes('-')) fail('standard input cannot be both pages (-) and the --files-from list (--files-from -)');
}

/**
 * Bad files as they happen and a progress line, both on stderr, whatever the format (stdout
 * carries only the report). Progress only on a terminal; --quiet leaves out both, and bad files
 * are still listed in the report.
 */
function reporting(ctx: CliContext, opts: PageFlags): { hooks: RunHooks; finish(): void } {
  const progress = opts.progress && opts.quiet !== true && ctx.stderr.isTTY === true ? createProgress(ctx.stderr) : null;
  return {
    hooks: {
      ...storeHooks(ctx),
      ...(opts.quiet === true
        ? {}
        : {
            onError: (e) => {
              progress?.done();
              ctx.stderr.write(`reprint: ${e.path}: ${e.message}\n`);
            },
            onWarning: (w) => {
              progress?.done();
              ctx.stderr.write(`reprint: ${w.path}: warning: ${w.message}\n`);
            },
          }),
      ...(progress !== null ? { onProgress: (p) => progress.update(p), onPhase: (phase) => progress.phase(phase) } : {}),
    },
    finish: () => progress?.done(),
  };
}

/** The hooks of a command that reads no pages. */
function storeHooks(ctx: CliContext): RunHooks {
  return { cwd: ctx.cwd, ...(ctx.storeHooks ? { storeHooks: ctx.storeHooks } : {}), ...(ctx.stdin ? { stdin: ctx.stdin } : {}) };
}

export async function main(ctx: CliContext): Promise<number> {
  let exitCode = EXIT_OK;
  const output = new ReportOutput(ctx);
  const write = async <K extends ReportKind>(kind: K, format: FormatName<K>, report: Parameters<typeof formatReport<K>>[2]): Promise<void> => {
    output.write(
      await formatReport(kind, format, report, {
        color: colorEnabled(output.stream, ctx.env),
        toolVersion: VERSION,
        ...(README_URL !== null ? { readmeUrl: README_URL } : {}),
        githubStepSummary: githubStepSummaryFile(ctx.env) !== null,
      }),
    );
  };
  const program = new Command()
    .name('reprint')
    .description('Find the same article republished across news outlets.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .showHelpAfterError('(run with --help for usage)');

  const scan = withSketchOptions(pageCommand('scan', 'cluster the copies of each article found in files and folders of scraped pages', formatNames('scan')))
    .option('--all', 'also list pages that have no copy, as clusters of one', false)
    .option('--fail-on-duplicates', 'exit 1 when any cluster of copies is found', false)
    .action(async (paths, opts) => {
      const run = reporting(ctx, opts);
      // The HTML report shows texts, so only it has the workers send them (see pages.ts keepText).
      const report = await runScan(paths, { ...scanOptions(opts, opts.all), keepText: opts.format === 'html' }, run.hooks);
      run.finish();
      await write('scan', opts.format as FormatName<'scan'>, report);
      exitCode = opts.failOnDuplicates && report.summary.clusters > 0 ? EXIT_FINDINGS : EXIT_OK;
    });

  const extract = pageCommand('extract', 'show what reprint compares for each page: title, outlet, byline, dateline, published, lang and text', formatNames('extract')).action(
    async (paths, opts) => {
      const run = reporting(ctx, opts);
      const report = await runExtract(paths, pageOptions(opts), run.hooks);
      run.finish();
      await write('extract', opts.format, report);
      exitCode = EXIT_OK;
    },
  );

  const explain = new Command('explain')
    .description('show what two pages share and what each added, dropped or changed, on the text scan compares')
    .argument('<pageA>', 'a page: HTML or text file, optionally .gz')
    .argument('<pageB>', 'the page to compare it with')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatNames('explain')).default(formatNames('explain')[0]!))
    .option('-k, --shingle-size <words>', 'words per shingle', integerIn(1, 20), d.shingleSize)
    .addOption(new Option('--max-bytes <size>', 'largest page (or decompressed output) read').argParser(byteSize).default(d.maxBytes, '10M'))
    .addOption(new Option('--max-archive-bytes <size>', 'largest WARC/ARC file read').argParser(byteSize).default(d.maxArchiveBytes, '2G'))
    .addOption(new Option('--dom <name>', 'DOM that Readability runs over').choices(DOM_NAMES).default(d.dom as DomName))
    .addOption(new Option('--timeout <duration>', "time limit for one page's extraction (500ms, 30s, 2m)").argParser(duration).default(d.timeoutMs, '30s'))
    // explain writes nothing to stderr but a fatal error; taken so scripts can pass it to every command.
    .option('-q, --quiet', 'nothing on stderr but a fatal error')
    .action(async (pageA, pageB, opts) => {
      const options = { shingleSize: opts.shingleSize, maxBytes: opts.maxBytes, maxArchiveBytes: opts.maxArchiveBytes, dom: opts.dom, timeoutMs: opts.timeout };
      const { ExplainPageError, runExplain } = await import('../commands/explain.js');
      try {
        await write('explain', opts.format, await runExplain(pageA, pageB, options, storeHooks(ctx)));
        exitCode = EXIT_OK;
      } catch (e) {
        if (!(e instanceof ExplainPageError)) throw e;
        ctx.stderr.write(`reprint: ${e.message}\n`);
        exitCode = EXIT_ERROR;
      }
    });

  const check = withSketchOptions(pageCommand('check', 'report new pages that copy pages already in the index (exit 1 when any does)', formatNames('check')))
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .option('--update', 'add the new pages to the index after the check, in one transaction', false)
    .option('--label <name>', 'crawl label stored with pages added by --update')
    .option('--no-shingle-sets', 'with --update, store signatures only, not shingle sets (index clusters then verifies on estimates)')
    .option('--max-duplicates <n>', 'also fail when more than n new pages have copies (in the index or among themselves)', integerIn(0, Number.MAX_SAFE_INTEGER))
    .option('--max-ratio <share>', 'also fail when more than this share of new pages have copies', ratio)
    .action(async (paths, opts) => {
      const run = reporting(ctx, opts);
      const report = await runCheck(
        paths,
        {
          ...scanOptions(opts),
          keepText: opts.format === 'html',
          index: opts.index,
          update: opts.update,
          label: opts.label ?? null,
          shingleSets: opts.shingleSets,
          ...(opts.maxDuplicates !== undefined ? { maxDuplicates: opts.maxDuplicates } : {}),
          ...(opts.maxRatio !== undefined ? { maxRatio: opts.maxRatio } : {}),
        },
        run.hooks,
      );
      run.finish();
      await write('check', opts.format as FormatName<'check'>, report);
      if (opts.format === 'github') appendGithubStepSummary(ctx, report);
      exitCode = report.summary.failed ? EXIT_FINDINGS : EXIT_OK;
    });

  const index = new Command('index').description('build and inspect the persistent index of earlier crawls');
  const add = withSketchOptions(pageCommand('add', 'add pages to the index (same content at the same path or URL is stored once)', formatNames('index')))
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .option('--label <name>', 'crawl label stored with the pages')
    .option('--no-shingle-sets', 'store signatures only, not shingle sets: about 4 bytes a word less, and index clusters verifies on estimates')
    .action(async (paths, opts) => {
      const run = reporting(ctx, opts);
      const report = await runIndexAdd(paths, { ...scanOptions(opts), index: opts.index, label: opts.label ?? null, shingleSets: opts.shingleSets }, run.hooks);
      run.finish();
      await write('index', opts.format as FormatName<'index'>, report);
      exitCode = EXIT_OK;
    });
  const stats = new Command('stats')
    .description('what the index holds: documents, distinct texts, crawl labels, sketch settings')
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatNames('index')).default('json'))
    .action(async (opts) => {
      const report = await runIndexStats({ index: opts.index }, storeHooks(ctx));
      await write('index', opts.format as FormatName<'index'>, report);
      exitCode = EXIT_OK;
    });
  const remove = new Command('remove')
    .description('remove pages from the index by path, URL or folder')
    .argument('<paths-or-urls...>', 'paths, URLs or folders (everything under a folder)')
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatNames('index')).default('json'))
    .action(async (targets, opts) => {
      const report = await runIndexRemove(removeSelector(targets, ctx.cwd), { index: opts.index }, storeHooks(ctx));
      if (report.removed.length === 0) ctx.stderr.write('reprint: nothing in the index matched\n');
      await write('index', opts.format as FormatName<'index'>, report);
      exitCode = EXIT_OK;
    });
  const clusters = new Command('clusters')
    .description('cluster every document in the index (or of some crawls), as scan would cluster the same pages')
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .option('--label <name>', 'only documents of this crawl label, repeatable', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(formatNames('scan')).default(formatNames('scan')[0]!))
    .option('-t, --threshold <jaccard>', 'word-shingle Jaccard at or above which two pages are copies', openFraction, d.threshold)
    .option('-c, --containment <share>', 'share of the shorter text inside the longer at or above which it is a copy', fraction, d.containment)
    .option('--min-words <n>', 'the shorter text needs this many shingles for containment alone to count', integerIn(1, 100000), d.minWords)
    .option('--all', 'also list documents that have no copy, as clusters of one', false)
    .option('--fail-on-duplicates', 'exit 1 when any cluster of copies is found', false)
    .option('--no-progress', 'no progress line on stderr')
    .option('-q, --quiet', 'nothing on stderr but a fatal error')
    .action(async (opts) => {
      const progress = opts.progress && opts.quiet !== true && ctx.stderr.isTTY === true ? createProgress(ctx.stderr) : null;
      const { report, notes } = await runIndexClusters(
        {
          index: opts.index,
          labels: opts.label ?? null,
          threshold: opts.threshold,
          containment: opts.containment,
          minWords: opts.minWords,
          dom: d.dom,
          templates: d.templates,
          all: opts.all,
        },
        { ...storeHooks(ctx), ...(progress !== null ? { onPhase: (phase: string) => progress.phase(phase) } : {}) },
      ).finally(() => progress?.done());
      if (notes.estimated > 0 && opts.quiet !== true) {
        ctx.stderr.write(
          `reprint: ${notes.estimated} ${notes.estimated === 1 ? 'document was' : 'documents were'} stored without shingle sets (--no-shingle-sets): their pairs were verified on signatures\n`,
        );
      }
      await write('scan', opts.format as FormatName<'scan'>, report);
      exitCode = opts.failOnDuplicates && report.summary.clusters > 0 ? EXIT_FINDINGS : EXIT_OK;
    });
  const exportCmd = new Command('export')
    .description('write the index as Parquet files (documents.parquet, contents.parquet) for SQL engines and Spark')
    .requiredOption('--index <store>', 'index file (SQLite) or redis://host:port[/db]')
    .addOption(new Option('--format <format>', 'file format').choices(['parquet'] as const).default('parquet' as const))
    // Its own -o, --output: the folder of the files (the report, a few lines, goes to stdout).
    .requiredOption('-o, --output <dir>', 'folder the files are written to (made when missing; files of the same names are replaced)')
    .option('--label <name>', 'only documents of this crawl label, repeatable', collect)
    .option('--shingle-sets', "also write each content's shingle set (large)", false)
    .action(async (opts) => {
      const { ExportWriteError, runIndexExport } = await import('../commands/index-export.js');
      try {
        const report = await runIndexExport({ index: opts.index, output: opts.output, labels: opts.label ?? null, shingleSets: opts.shingleSets }, storeHooks(ctx));
        // The report is what was written: JSON, as scripts that export read it.
        await write('index', 'json', report);
        exitCode = EXIT_OK;
      } catch (e) {
        if (!(e instanceof ExportWriteError)) throw e;
        ctx.stderr.write(`reprint: ${e.message}\n`);
        exitCode = EXIT_ERROR;
      }
    });
  for (const cmd of [add, stats, remove, clusters, exportCmd]) index.addCommand(cmd.copyInheritedSettings(program));

  for (const cmd of [scan, extract, explain, check, index]) program.addCommand(cmd.copyInheritedSettings(program));
  installConfig(program, ctx.cwd);
  output.install(program);

  try {
    await program.parseAsync(ctx.argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end well; everything else commander rejects is a usage error.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT_OK : EXIT_ERROR;
    }
    if (e instanceof InputArgumentError || e instanceof IndexParamsError || e instanceof IndexOpenError || e instanceof IndexConnectionError || e instanceof ConfigError || e instanceof OutputError) {
      ctx.stderr.write(`reprint: ${e.message}\n`);
      return EXIT_ERROR;
    }
    const err = e as Error;
    ctx.stderr.write(`reprint: ${err?.stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
}
