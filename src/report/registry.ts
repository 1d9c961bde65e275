/**
 * Every report format by kind and name. A command picks its formatter here and the CLI offers
 * these names as choices, so adding a format is adding its file and one line below.
 */
import { formatCheckCodeClimate } from './check/codeclimate.js';
import { formatCheckGithub } from './check/github.js';
import { formatCheckHtml } from './check/html.js';
import { formatCheckJson } from './check/json.js';
import { formatCheckJunit } from './check/junit.js';
import { formatCheckNdjson } from './check/ndjson.js';
import { formatCheckSarif } from './check/sarif.js';
import { formatCheckText } from './check/text.js';
import type { CheckReport } from './check/types.js';
import { formatExplainJson } from './explain/json.js';
import { formatExplainText } from './explain/text.js';
import type { ExplainReport } from './explain/types.js';
import { formatExtractJson } from './extract/json.js';
import { formatExtractNdjson } from './extract/ndjson.js';
import { formatExtractText } from './extract/text.js';
import type { ExtractReport } from './extract/types.js';
import { formatIndexJson } from './index/json.js';
import { formatIndexText } from './index/text.js';
import type { IndexReport } from './index/types.js';
import { formatCsv } from './scan/csv.js';
import { formatGexf } from './scan/gexf.js';
import { formatGraphml } from './scan/graphml.js';
import { formatScanHtml } from './scan/html.js';
import { formatJson } from './scan/json.js';
import { formatNdjson } from './scan/ndjson.js';
import { formatText } from './scan/text.js';
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

type Formatter<R> = (report: R, ctx: FormatContext) => string;

const style = (ctx: FormatContext) => (ctx.color ? ANSI : PLAIN);

const scan = {
  json: (r) => formatJson(r),
  ndjson: (r) => formatNdjson(r),
  text: (r, ctx) => formatText(r, style(ctx)),
  csv: (r) => formatCsv(r),
  gexf: (r, ctx) => formatGexf(r, ctx.toolVersion),
  graphml: (r, ctx) => formatGraphml(r, ctx.toolVersion),
  html: (r, ctx) => formatScanHtml(r, ctx.toolVersion),
} satisfies Record<string, Formatter<ScanReport>>;

const check = {
  json: (r) => formatCheckJson(r),
  ndjson: (r) => formatCheckNdjson(r),
  text: (r, ctx) => formatCheckText(r, style(ctx)),
  sarif: (r, ctx) => formatCheckSarif(r, { toolVersion: ctx.toolVersion, ...(ctx.readmeUrl !== undefined ? { informationUri: ctx.readmeUrl, readmeUrl: ctx.readmeUrl } : {}) }),
  junit: (r) => formatCheckJunit(r),
  github: (r, ctx) => formatCheckGithub(r, { stepSummary: ctx.githubStepSummary === true }),
  codeclimate: (r) => formatCheckCodeClimate(r),
  html: (r, ctx) => formatCheckHtml(r, ctx.toolVersion),
} satisfies Record<string, Formatter<CheckReport>>;

const extract = {
  json: (r) => formatExtractJson(r),
  ndjson: (r) => formatExtractNdjson(r),
  text: (r, ctx) => formatExtractText(r, style(ctx)),
} satisfies Record<string, Formatter<ExtractReport>>;

// Text first, the default: explain is read on a terminal.
const explain = {
  text: (r, ctx) => formatExplainText(r, style(ctx)),
  json: (r) => formatExplainJson(r),
} satisfies Record<string, Formatter<ExplainReport>>;

const index = {
  json: (r) => formatIndexJson(r),
  text: (r, ctx) => formatIndexText(r, style(ctx)),
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
export function formatReport<K extends ReportKind>(kind: K, format: FormatName<K>, report: ReportOf[K], ctx: FormatContext): string {
  const formatter = (REPORTS[kind] as Record<string, Formatter<ReportOf[K]>>)[format];
  if (formatter === undefined) throw new Error(`no ${format} format for ${kind} reports`);
  return formatter(report, ctx);
}
