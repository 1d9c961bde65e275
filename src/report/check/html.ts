/**
 * The check report as one HTML page (report/html/): a group per new page with copies, the page
 * and its copies on a timeline with the earliest marked, and the verdict. The index keeps no
 * texts, so only copies among the new pages of this check can be explained, against the page
 * itself (the copy similarities are measured against it too); indexed copies show their figures.
 */
import { locatorOf } from '../../index/store.js';
import type { Alignment } from '../../match/align.js';
import { explainView } from '../html/explain.js';
import type { GroupMember, HtmlReportData, ReportGroup } from '../html/model.js';
import { htmlReport } from '../html/page.js';
import { plural } from '../plural.js';
import type { CheckFinding, CheckReport } from './types.js';
import { summaryText } from './wording.js';

/**
 * A check report with what only the HTML page shows: by a finding's path, the alignments of the
 * page (A) with each of its copies among the new pages (B), by the copy's path.
 */
export interface ExplainedCheckReport extends CheckReport {
  explains?: ReadonlyMap<string, ReadonlyMap<string, Alignment>>;
}

const THIS_PAGE = 'this';

function findingGroup(f: CheckFinding, explains: ReadonlyMap<string, Alignment> | undefined): ReportGroup {
  const self: GroupMember = {
    key: THIS_PAGE,
    role: 'this page',
    path: f.path,
    url: f.url,
    outlet: f.outlet,
    title: f.title,
    dateline: f.dateline,
    published: f.published,
    words: f.words,
    similarity: null,
    containment: null,
    explain: null,
  };
  const indexed: GroupMember[] = f.indexed.map((c, i) => ({
    key: `index:${i}`,
    role: c.label !== null ? `indexed, crawl ${c.label}` : 'indexed',
    path: c.path,
    url: c.url,
    outlet: c.outlet,
    title: c.title,
    dateline: c.dateline,
    published: c.published,
    words: null,
    similarity: c.similarity,
    containment: c.containment,
    explain: null,
  }));
  const news: GroupMember[] = f.new.map((c, i) => {
    const alignment = explains?.get(c.path);
    return {
      key: `new:${i}`,
      role: 'new',
      path: c.path,
      url: c.url,
      outlet: c.outlet,
      title: null,
      dateline: null,
      published: c.published,
      words: null,
      similarity: c.similarity,
      containment: c.containment,
      explain: alignment !== undefined ? explainView({ base: THIS_PAGE, alignment }) : null,
    };
  });
  // The finding names its earliest copy by locator; a locator can repeat (the index holds an older
  // version of this very page), so the page itself wins, then the index, then the new pages.
  const earliest =
    f.earliest === null
      ? null
      : f.earliest === locatorOf(f)
        ? THIS_PAGE
        : (indexed.find((m) => locatorOf(m) === f.earliest) ?? news.find((m) => locatorOf(m) === f.earliest))?.key ?? null;
  const dated = [self, ...indexed, ...news].filter((m) => m.published !== null).map((m) => Date.parse(m.published!));
  return {
    id: f.path,
    heading: f.title !== null ? `${f.title} (${f.path})` : f.path,
    earliest,
    representative: null,
    base: THIS_PAGE,
    dateSpanDays: dated.length > 0 ? Math.round((Math.max(...dated) - Math.min(...dated)) / 86_400_000) : null,
    members: [self, ...indexed, ...news],
  };
}

export function formatCheckHtml(report: ExplainedCheckReport, toolVersion: string): string {
  const s = report.summary;
  const p = report.params;
  const data: HtmlReportData = {
    kind: 'check',
    title: `reprint check: ${s.failed ? 'FAIL' : 'PASS'}, ${s.duplicates} of ${s.new} new ${s.new === 1 ? 'page has' : 'pages have'} copies`,
    facts: [
      summaryText(report),
      `Index ${report.index.location} (${plural(report.index.documents, 'document')}); copies: Jaccard ≥ ${p.threshold} or containment ≥ ${p.containment}.`,
      '★ earliest dated copy. Indexed copies are estimated from signatures and their texts are not stored: only copies among the new pages can be explained.',
    ],
    comparedWith: 'this page',
    noExplain: 'The index stores signatures, not texts: this copy cannot be shown word by word.',
    groups: report.findings.map((f) => findingGroup(f, report.explains?.get(f.path))),
    errors: report.errors,
  };
  return htmlReport(data, `reprint ${toolVersion}`);
}
