/**
 * The check report as SARIF 2.1.0, for code scanning: one run, one result per new page with
 * copies. Nothing in it depends on the clock or the machine, so the same report gives the same
 * bytes, and a result's partial fingerprint stays the same from run to run while the page and
 * what it copies do.
 */
import { locatorOf } from '../../index/store.js';
import { hash64Hex } from '../../text/hash.js';
import type { CheckFinding, CheckReport } from './types.js';
import { findingLines, pageLocation, RULE_INDEXED, RULE_NEW, ruleOf, summaryText } from './wording.js';

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of the partial fingerprint; bump the version when what goes into it changes. */
const FINGERPRINT_KEY = 'reprintCopy/v1';

export interface SarifOptions {
  /** reprint's version, for tool.driver.version. */
  toolVersion: string;
  /** Where the tool is documented (tool.driver.informationUri); left out when not given. */
  informationUri?: string;
  /**
   * The README online (an absolute http(s) URL, from package.json): each rule's helpUri is its
   * check section. SARIF wants an absolute URI there, so without it helpUri is left out and the
   * help names the section instead.
   */
  readmeUrl?: string;
}

/** GitHub's anchor of the README heading "`reprint index` and `reprint check`: earlier crawls, and a CI gate". */
export const CHECK_README_ANCHOR = 'reprint-index-and-reprint-check-earlier-crawls-and-a-ci-gate';
const CHECK_README_SECTION = 'README.md, section "reprint index and reprint check"';

type JsonObject = Record<string, unknown>;

const RULES = [
  {
    id: RULE_INDEXED,
    name: 'CopiesIndexedPage',
    level: 'error',
    short: 'A new page copies a page already in the index.',
    full:
      'The article text of a new page is the same as, or contains or is contained in, the text of a page an earlier crawl put ' +
      'in the index (MinHash estimate of the Jaccard similarity of word shingles, and the containment derived from it).',
    advice:
      'The message lists each indexed copy (outlet, path or URL, similarity, containment, crawl label) and the earliest dated copy, ' +
      'the likely original. Check whether the page is a licensed reprint; `reprint explain <page> <copy>` shows what the two share when both files are at hand.',
  },
  {
    id: RULE_NEW,
    name: 'CopiesNewPage',
    level: 'warning',
    short: 'A new page copies another new page of the same check.',
    full: 'The article text of a new page copies another page of the same check (measured exactly on word shingles); the index holds no copy.',
    advice:
      'Two or more pages of this crawl carry the same article and none is in the index yet. It fails the check only ' +
      'over `--max-duplicates` or `--max-ratio`; with `--update` the pages enter the index, and a later crawl copying them is an error.',
  },
] as const;

/** A rule's help: the full description, what to do, and where the check is documented. */
function ruleHelp(r: (typeof RULES)[number], readmeUrl: string | undefined): { text: string; markdown: string } {
  const plain = r.advice.replace(/`/g, '');
  const docs = readmeUrl !== undefined ? `${readmeUrl}#${CHECK_README_ANCHOR}` : null;
  return {
    text: `${r.full}\n\n${plain}\n\nSee ${docs ?? CHECK_README_SECTION}.`,
    markdown:
      `**${r.short}**\n\n${r.full}\n\n${r.advice}\n\n` +
      (docs !== null ? `See [\`reprint check\` in the README](${docs}).` : `See ${CHECK_README_SECTION}.`),
  };
}

/** A path as a URI reference: each segment percent-encoded, an absolute path as a file: URI. */
function pathToUri(p: string): { uri: string; uriBaseId?: string } {
  const enc = (s: string): string => s.split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\/(.*)$/.exec(p);
  if (drive) return { uri: `file:///${drive[1]}:/${enc(drive[2]!)}` };
  if (p.startsWith('/')) return { uri: `file://${enc(p)}` };
  return { uri: enc(p), uriBaseId: '%SRCROOT%' };
}

/**
 * Stable identity of a finding: the page (URL, else path) and its content, and what it copies
 * (indexed copies by locator, new ones by URL, else path), sorted. Nothing of time or place.
 */
function copyFingerprint(f: CheckFinding): string {
  const indexed = f.indexed.map((c) => c.locator).sort();
  const news = f.new.map((c) => locatorOf(c)).sort();
  return hash64Hex([FINGERPRINT_KEY, locatorOf(f), f.contentHash, 'indexed', ...indexed, 'new', ...news].join('\n'));
}

function artifactLocation(path: string): JsonObject {
  const loc = pageLocation(path);
  return { ...pathToUri(loc.file) };
}

function result(f: CheckFinding): JsonObject {
  const ruleId = ruleOf(f);
  const rule = RULES.findIndex((r) => r.id === ruleId);
  const loc = pageLocation(f.path);
  const copies = [...f.indexed, ...f.new];
  const logical: JsonObject[] = [];
  if (loc.record !== null) {
    logical.push({ name: f.url ?? `#${loc.record}`, fullyQualifiedName: f.path, kind: 'resource' });
  } else if (loc.line > 1 || f.url !== null) {
    logical.push({ name: f.url ?? `line ${loc.line}`, fullyQualifiedName: f.path, kind: 'resource' });
  }
  const related: JsonObject[] = f.new.map((c, i) => ({
    id: i + 1,
    physicalLocation: { artifactLocation: artifactLocation(c.path), region: { startLine: pageLocation(c.path).line } },
    message: { text: `copy among the new pages: ${c.outlet ?? 'unknown outlet'}, ${c.url ?? c.path} (similarity ${c.similarity.toFixed(2)})` },
  }));
  return {
    ruleId,
    ruleIndex: rule,
    level: RULES[rule]!.level,
    message: { text: findingLines(f).join('\n') },
    locations: [
      {
        physicalLocation: { artifactLocation: artifactLocation(f.path), region: { startLine: loc.line } },
        ...(logical.length > 0 ? { logicalLocations: logical } : {}),
      },
    ],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: copyFingerprint(f) },
    properties: {
      path: f.path,
      url: f.url,
      outlet: f.outlet,
      title: f.title,
      published: f.published,
      words: f.words,
      contentHash: f.contentHash,
      similarity: Math.max(0, ...copies.map((c) => c.similarity)),
      containment: Math.max(0, ...copies.map((c) => c.containment)),
      earliest: f.earliest,
      indexedEarlier: f.indexedEarlier,
      indexed: f.indexed,
      new: f.new,
    },
  };
}

export function formatCheckSarif(report: CheckReport, opts: SarifOptions): string {
  const s = report.summary;
  const notifications: JsonObject[] = report.errors.map((e) => {
    const loc = pageLocation(e.path);
    return {
      level: 'warning',
      message: { text: `${e.path}: ${e.message}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.path), region: { startLine: loc.line } } }],
      descriptor: { id: 'reprint/unreadable-page' },
    };
  });
  const { elapsedMs: _elapsed, ...counts } = s;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'reprint',
            ...(opts.informationUri !== undefined ? { informationUri: opts.informationUri } : {}),
            version: opts.toolVersion,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: r.full },
              help: ruleHelp(r, opts.readmeUrl),
              ...(opts.readmeUrl !== undefined ? { helpUri: `${opts.readmeUrl}#${CHECK_README_ANCHOR}` } : {}),
              defaultConfiguration: { level: r.level },
              properties: { tags: ['reprint', 'duplicate-content'] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            properties: { verdict: summaryText(report), failed: s.failed, reasons: s.reasons },
          },
        ],
        results: report.findings.map(result),
        properties: { schema: report.schema, params: report.params, index: report.index, summary: counts },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
