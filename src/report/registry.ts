/**
 * Every report format by kind and name. A command picks its formatter here and the CLI offers
 * these names as choices, so adding a format is adding its file and one line below.
 */
import type { CheckReport } from './check/types.js';
import type { ExplainReport } from './explain/types.js';
import type { ExtractReport } from './extract/types.js';
import type { IndexReport } from './index/types.js';
import type { ScanReport } from './scan/types.js';
import { ANSI, PLAIN } from './style.js';

/** What a formatter may depend on besides the report. */
export interface FormatContext {
  /** ANSI styles (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** reprint's version, for formats that name their tool. */
  toolVersion: string;
  /** The README online (absolute URL), for formats that link their documentation; unknown when absent. */
  readmeUrl?: string;
  /** Whether the CLI writes a GitHub job summary (GITHUB_STEP_SUMMARY set): the github format points there. */
  githubStepSummary?: boolean;
}

/**
 * A formatter's module is loaded when its format is asked for: a run loads only the format it
 * writes (the graph formats' graphology, the CSV writer and the HTML report's assets are start-up
 * time every other run would pay).
 */
type Formatter<R> = (report: R, ctx: FormatContext) => Promise<string>;

const style = (ctx: FormatContext) => (ctx.color ? ANSI : PLAIN);

const scan = {
  json: async (r) => (await import('./scan/json.js')).formatJson(r),
  ndjson: async (r) => (await import('./scan/ndjson.js')).formatNdjson(r),
  text: async (r, ctx) => (await import('./scan/text.js')).formatText(r, style(ctx)),
  csv: async (r) => (await import('./scan/csv.js')).formatCsv(r),
  gexf: async (r, ctx) => (await import('./scan/gexf.js')).formatGexf(r, ctx.toolVersion),
  graphml: async (r, ctx) => (await import('./scan/graphml.js')).formatGraphml(r, ctx.toolVersion),
  html: async (r, ctx) => (await import('./scan/html.js')).formatScanHtml(r, ctx.toolVersion),
} satisfies Record<string, Formatter<ScanReport>>;

const check = {
  json: async (r) => (await import('./check/json.js')).formatCheckJson(r),
  ndjson: async (r) => (await import('./check/ndjson.js')).formatCheckNdjson(r),
  text: async (r, ctx) => (await import('./check/text.js')).formatCheckText(r, style(ctx)),
  sarif: async (r, ctx) => (await import('./check/sarif.js')).formatCheckSarif(r, { toolVersion: ctx.toolVersion, ...(ctx.readmeUrl !== undefined ? { informationUri: ctx.readmeUrl, readmeUrl: ctx.readmeUrl } : {}) }),
  junit: async (r) => (await import('./check/junit.js')).formatCheckJunit(r),
  github: async (r, ctx) => (await import('./check/github.js')).formatCheckGithub(r, { stepSummary: ctx.githubStepSummary === true }),
  codeclimate: async (r) => (await import('./check/codeclimate.js')).formatCheckCodeClimate(r),
  html: async (r, ctx) => (await import('./check/html.js')).formatCheckHtml(r, ctx.toolVersion),
} satisfies Record<string, Formatter<CheckReport>>;

const extract = {
  json: async (r) => (await import('./extract/json.js')).formatExtractJson(r),
  ndjson: async (r) => (await import('./extract/ndjson.js')).formatExtractNdjson(r),
  text: async (r, ctx) => (await import('./extract/text.js')).formatExtractText(r, style(ctx)),
} satisfies Record<string, Formatter<ExtractReport>>;

// Text first, the default: explain is read on a terminal.
const explain = {
  text: async (r, ctx) => (await import('./explain/text.js')).formatExplainText(r, style(ctx)),
  json: async (r) => (await import('./explain/json.js')).formatExplainJson(r),
} satisfies Record<string, Formatter<ExplainReport>>;

const index = {
  json: async (r) => (await import('./index/json.js')).formatIndexJson(r),
  text: async (r, ctx) => (await import('./index/text.js')).formatIndexText(r, style(ctx)),
} satisfies Record<string, Formatter<IndexReport>>;

const REPORTS = { scan, check, extract, explain, index };

export type ReportKind = keyof typeof REPORTS;
/** The format names of one kind of report, the first being the default. */
export type FormatName<K extends ReportKind> = keyof (typeof REPORTS)[K] & string;

export function formatNames<K extends ReportKind>(kind: K): FormatName<K>[] {
  return Object.keys(REPORTS[kind]) as FormatName<K>[];
}

interface ReportOf {
  scan: ScanReport;
  check: CheckReport;
  extract: ExtractReport;
  explain: ExplainReport;
  index: IndexReport;
}

/** Formats a report of one kind in one of its formats. */
export async function formatReport<K extends ReportKind>(kind: K, format: FormatName<K>, report: ReportOf[K], ctx: FormatContext): Promise<string> {
  const formatter = (REPORTS[kind] as Record<string, Formatter<ReportOf[K]>>)[format];
  if (formatter === undefined) throw new Error(`no ${format} format for ${kind} reports`);
  return await formatter(report, ctx);
}
