/**
 * The command line: parse, call, return the exit code. The bin only sets process.exitCode.
 */
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import { DOM_NAMES, type DomName } from '../extract/dom.js';
import { MissingPathError } from '../input/discover.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from '../pipeline/options.js';
import { runScan, type ScanHooks } from '../pipeline/scan.js';
import type { PageOptions } from '../pipeline/pages.js';
import { runExtract } from '../pipeline/extract.js';
import { formatExtractJson, formatExtractNdjson, formatExtractText } from '../report/extract.js';
import { formatJson } from '../report/json.js';
import { formatNdjson } from '../report/ndjson.js';
import { ANSI, formatText, PLAIN } from '../report/text.js';
import type { ScanReport } from '../report/types.js';
import { colorEnabled, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliContext } from './io.js';
import { byteSize, collect, duration, fraction, integerIn, jsonlFields, openFraction } from './options.js';
import { createProgress } from './progress.js';
import { VERSION } from './version.js';

const FORMATS = ['json', 'ndjson', 'text'] as const;
type Format = (typeof FORMATS)[number];

function render(report: ScanReport, format: Format, color: boolean): string {
  if (format === 'ndjson') return formatNdjson(report);
  if (format === 'text') return formatText(report, color ? ANSI : PLAIN);
  return formatJson(report);
}

const d = DEFAULT_SCAN_OPTIONS;

/** A command that reads pages: the inputs and options `scan` and `extract` share. */
function pageCommand(name: string, description: string) {
  return new Command(name)
    .description(description)
    .argument('<paths...>', 'files and folders to read')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('json' as Format))
    .addOption(new Option('--max-bytes <size>', 'largest page (or decompressed output) read').argParser(byteSize).default(d.maxBytes, '10M'))
    .addOption(new Option('--max-archive-bytes <size>', 'largest WARC/ARC or JSON Lines file read').argParser(byteSize).default(d.maxArchiveBytes, '2G'))
    .option('--include <glob>', 'glob of files to read in folders, repeatable (replaces the default extensions)', collect)
    .option('--exclude <glob>', 'glob of files or folders to leave out, repeatable', collect)
    .option('--jsonl-fields <map>', 'JSON Lines field names, e.g. html=content,url=link|source_url', jsonlFields)
    .addOption(new Option('--dom <name>', 'DOM that Readability runs over').choices(DOM_NAMES).default(d.dom as DomName))
    .option('--no-templates', "keep lines that recur across one outlet's pages")
    .addOption(new Option('-j, --jobs <n>', 'worker threads for reading and extraction').argParser(integerIn(1, 256)).default(d.jobs, 'cores, up to 8'))
    .addOption(new Option('--timeout <duration>', "time limit for one page's extraction (500ms, 30s, 2m)").argParser(duration).default(d.timeoutMs, '30s'))
    .option('--no-progress', 'no progress line on stderr');
}

type PageFlags = ReturnType<ReturnType<typeof pageCommand>['opts']>;

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
  };
}

/** Errors as they happen and a progress line, both on stderr; progress only on a TTY in text. */
function reporting(ctx: CliContext, opts: PageFlags): { hooks: ScanHooks; finish(): void } {
  const progress = opts.progress && ctx.stderr.isTTY === true && opts.format === 'text' ? createProgress(ctx.stderr) : null;
  return {
    hooks: {
      cwd: ctx.cwd,
      onError: (e) => {
        progress?.done();
        ctx.stderr.write(`reprint: ${e.path}: ${e.message}\n`);
      },
      onProgress: (done, total, errors) => progress?.update(done, total, errors),
    },
    finish: () => progress?.done(),
  };
}

export async function main(ctx: CliContext): Promise<number> {
  let exitCode = EXIT_OK;
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

  const scan = pageCommand('scan', 'cluster the copies of each article found in files and folders of scraped pages')
    .option('-t, --threshold <jaccard>', 'word-shingle Jaccard at or above which two pages are copies', openFraction, d.threshold)
    .option('-c, --containment <share>', 'share of the shorter text inside the longer at or above which it is a copy', fraction, d.containment)
    .option('-k, --shingle-size <words>', 'words per shingle', integerIn(1, 20), d.shingleSize)
    .option('--num-perm <n>', 'MinHash permutations (signature length)', integerIn(8, 1024), d.numPerm)
    .option('--min-words <n>', 'pages with less article text than this are reported as errors', integerIn(1, 100000), d.minWords)
    .option('--all', 'also list pages that have no copy, as clusters of one', false)
    .option('--fail-on-duplicates', 'exit 1 when any cluster of copies is found', false)
    .action(async (paths, opts) => {
      const options: ScanOptions = {
        ...pageOptions(opts),
        threshold: opts.threshold,
        containment: opts.containment,
        shingleSize: opts.shingleSize,
        numPerm: opts.numPerm,
        seed: d.seed,
        minWords: opts.minWords,
        all: opts.all,
      };
      const run = reporting(ctx, opts);
      const report = await runScan(paths, options, run.hooks);
      run.finish();
      ctx.stdout.write(render(report, opts.format, colorEnabled(ctx.stdout, ctx.env)));
      exitCode = opts.failOnDuplicates && report.summary.clusters > 0 ? EXIT_FINDINGS : EXIT_OK;
    });

  const extract = pageCommand('extract', 'show what reprint compares for each page: title, outlet, byline, dateline, published, lang and text').action(
    async (paths, opts) => {
      const run = reporting(ctx, opts);
      const report = await runExtract(paths, pageOptions(opts), run.hooks);
      run.finish();
      const style = colorEnabled(ctx.stdout, ctx.env) ? ANSI : PLAIN;
      ctx.stdout.write(
        opts.format === 'ndjson' ? formatExtractNdjson(report) : opts.format === 'text' ? formatExtractText(report, style) : formatExtractJson(report),
      );
      exitCode = EXIT_OK;
    },
  );

  for (const cmd of [scan, extract]) program.addCommand(cmd.copyInheritedSettings(program));

  try {
    await program.parseAsync(ctx.argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end well; everything else commander rejects is a usage error.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT_OK : EXIT_ERROR;
    }
    if (e instanceof MissingPathError) {
      ctx.stderr.write(`reprint: ${e.message}\n`);
      return EXIT_ERROR;
    }
    const err = e as Error;
    ctx.stderr.write(`reprint: ${err?.stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
}
