/**
 * One self-contained HTML report: styles, script and data inline, nothing fetched. The Content
 * Security Policy allows no network at all and runs only the page's own script (by its hash), so
 * even markup that escaped escaping could not run or load anything.
 */
import { createHash } from 'node:crypto';
import { escapeHtml, jsonForScript } from './escape.js';
import type { HtmlReportData } from './model.js';
import { outletOf } from '../network.js';
import { networkSvg, outletNetwork } from './network.js';
import { REPORT_SCRIPT } from './script.js';
import { REPORT_CSS } from './styles.js';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

export function htmlReport(data: HtmlReportData, generator: string): string {
  const net = outletNetwork(data.groups.map((g) => g.members));
  const outletIds = new Map(net.outlets.map((o, i) => [o, i]));
  // Each copy names its network node, so the outlet filter and the network agree on outlets.
  const page = {
    ...data,
    outlets: net.outlets,
    groups: data.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, outletIndex: outletIds.get(outletOf(m))! })) })),
  };
  const csp = `default-src 'none'; script-src 'sha256-${sha256(REPORT_SCRIPT)}'; style-src 'sha256-${sha256(REPORT_CSS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(generator)}">`,
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header><h1 id="title"></h1><ul class="facts" id="facts"></ul></header>',
    '<div class="controls" role="search">',
    '<label>Search <input type="search" id="search" placeholder="titles, outlets, paths" autocomplete="off"></label>',
    '<label>Outlet <select id="outlet"><option value="">all outlets</option></select></label>',
    '<label>From <input type="date" id="from"></label>',
    '<label>To <input type="date" id="to"></label>',
    '<span class="shown" id="shown" aria-live="polite"></span>',
    '</div>',
    '<section class="network-view"><details class="network-box" open><summary>Outlet network</summary>',
    net.outlets.length > 0 ? networkSvg(net) : '<p class="empty">No outlets.</p>',
    '</details></section>',
    '<main><div id="groups"></div><div id="errors"></div></main>',
    `<footer>${escapeHtml(generator)}. Similarity is the Jaccard of word shingles; containment the share of the shorter text found in the longer.</footer>`,
    `<script type="application/json" id="report-data">${jsonForScript(page)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
