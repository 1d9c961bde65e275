/** The HTML reports' stylesheet, inlined: system fonts only, light and dark. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1d2329; --muted: #5f6b76; --bg: #fff; --panel: #f4f6f8; --line: #d5dbe1;
  --accent: #0b63c5; --early: #c0392b; --shared: #eef5ee; --base: #fbe9e7; --copy: #e7f0fb; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e8ec; --muted: #9aa6b1; --bg: #14181c; --panel: #1e2429; --line: #36404a;
  --accent: #6cb0ff; --early: #ff7b6b; --shared: #1c2a1f; --base: #3a2220; --copy: #1c2a3c; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, section.network-view { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 18px 0 4px; }
h2 { font-size: 16px; margin: 0 0 8px; }
.facts { color: var(--muted); margin: 0 0 12px; padding: 0; list-style: none; }
.controls { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--line);
  display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; padding: 10px 16px; max-width: 1200px; margin: 0 auto; }
.controls label { color: var(--muted); display: flex; gap: 6px; align-items: center; }
.controls input, .controls select, button { font: inherit; color: inherit; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; }
.controls input[type=search] { min-width: 260px; }
button { cursor: pointer; }
button:hover { border-color: var(--accent); }
.shown { color: var(--muted); margin-left: auto; }
details.network-box { margin: 12px 0; }
details.network-box summary { cursor: pointer; font-weight: 600; }
svg.network { width: 100%; max-width: 460px; height: auto; display: block; margin: 8px auto; overflow: visible; }
svg.network .edge { fill: none; stroke: var(--muted); opacity: .7; }
svg.network .arrow-head { fill: var(--muted); }
svg.network .node circle { fill: var(--accent); stroke: var(--bg); stroke-width: 2; }
svg.network .node text { fill: var(--fg); font-size: 16px; }
svg.network .node { cursor: pointer; }
svg.network .node.selected circle { fill: var(--early); }
svg.network.filtered .edge:not(.touching) { opacity: .12; }
.group { border: 1px solid var(--line); border-radius: 6px; margin: 14px 0; padding: 12px 14px; background: var(--bg); }
.group .meta { color: var(--muted); font-weight: normal; }
svg.timeline { width: 100%; height: 72px; display: block; margin: 4px 0 8px; overflow: visible; }
svg.timeline line { stroke: var(--line); stroke-width: 2; }
svg.timeline circle { fill: var(--accent); stroke: var(--bg); stroke-width: 2; }
svg.timeline circle.earliest { fill: var(--early); }
svg.timeline text { fill: var(--muted); font-size: 11px; }
.undated { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
tr.earliest td.mark { color: var(--early); font-weight: 700; }
.badge { display: inline-block; font-size: 11px; padding: 0 5px; border-radius: 8px; border: 1px solid var(--line); color: var(--muted); margin-left: 4px; }
.explain { margin: 10px 0 4px; padding: 10px; background: var(--panel); border-radius: 6px; }
.explain .legend span { margin-right: 12px; padding: 0 4px; border-radius: 3px; }
.passage { margin: 6px 0; padding: 6px 8px; border-radius: 4px; white-space: pre-wrap; }
.passage .label { display: block; font-size: 11px; color: var(--muted); margin-bottom: 2px; }
.passage.shared, .legend .shared { background: var(--shared); }
.passage.base, .legend .base { background: var(--base); }
.passage.copy, .legend .copy { background: var(--copy); }
.passage del { background: var(--base); text-decoration: line-through; }
.passage ins { background: var(--copy); text-decoration: none; border-bottom: 1px solid var(--accent); }
.errors li { word-break: break-all; }
.empty { color: var(--muted); font-style: italic; }
footer { max-width: 1200px; margin: 24px auto; padding: 0 16px; color: var(--muted); font-size: 12px; }
`;
