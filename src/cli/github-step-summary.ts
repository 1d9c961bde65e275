/**
 * The GitHub job summary of `check --format github`: GitHub Actions names a file in
 * GITHUB_STEP_SUMMARY and renders the Markdown a step appends to it. The formatter builds the
 * text (report/check/github-summary.ts); appending it is a side effect, so it happens here.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { formatCheckGithubSummary } from '../report/check/github-summary.js';
import type { CheckReport } from '../report/check/types.js';
import type { CliContext } from './io.js';

/** The summary file GitHub Actions gives the step, or null outside Actions. */
export function githubStepSummaryFile(env: CliContext['env']): string | null {
  const file = env['GITHUB_STEP_SUMMARY'];
  return file !== undefined && file !== '' ? file : null;
}

/**
 * Appends the summary when Actions asks for one. A summary that cannot be written is a warning on
 * stderr, not an error: the annotations and the exit code already carry the verdict.
 */
export function appendGithubStepSummary(ctx: CliContext, report: CheckReport): void {
  const file = githubStepSummaryFile(ctx.env);
  if (file === null) return;
  try {
    appendFileSync(path.resolve(ctx.cwd, file), formatCheckGithubSummary(report));
  } catch (e) {
    ctx.stderr.write(`reprint: cannot write the job summary to ${file}: ${(e as Error).message}\n`);
  }
}
